/* Sceau — onglet « DCE » d'une consultation (section[data-documents]). Envoie le fichier choisi pour un document
 * (DCE, règlement de consultation, autres pièces) à PUT /api/consultations/{id}/documents/{type}, puis recharge la
 * page sur l'onglet DCE ; un refus (taille, archive refusée) s'affiche sous les documents. */
(() => {
  "use strict";
  const section = document.querySelector("section[data-documents]");
  if (!section) return;
  const status = document.getElementById("message-documents");
  const id = section.dataset.documents;
  section.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-envoyer]");
    if (!button) return;
    const kind = button.dataset.envoyer;
    const input = section.querySelector(`input[data-document="${kind}"]`);
    const file = input && input.files[0];
    if (!file) {
      status.textContent = "Choisissez d'abord un fichier.";
      if (input) input.focus();
      return;
    }
    button.disabled = true;
    status.textContent = `Envoi de « ${file.name} »…`;
    try {
      const response = await fetch(`/api/consultations/${id}/documents/${kind}?nom=${encodeURIComponent(file.name)}`, {
        method: "PUT", body: file, credentials: "same-origin",
        headers: {"X-CSRF-Token": section.dataset.csrf, "Content-Type": "application/octet-stream"},
      });
      if (response.ok) {
        status.textContent = `« ${file.name} » est en ligne.`;
        window.location.hash = "dce";
        window.location.reload();
        return;
      }
      let message = `Refusé (${response.status}).`;
      try { message = (await response.json()).error.message || message; } catch (_) { /* pas de JSON */ }
      status.textContent = message;
    } catch (error) {
      status.textContent = `Envoi interrompu : ${error.message}`;
    } finally {
      button.disabled = false;
    }
  });
})();
