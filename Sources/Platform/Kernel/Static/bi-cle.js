/* Sceau — « Générer une bi-clé » (section#generer-bi-cle de la page d'une organisation). Demande à l'assistant
 * (keys.generate, par la connexion de /static/assistant.js) de générer la bi-clé sur la carte ou la clé USB
 * choisie, puis inscrit le certificat obtenu dans le formulaire « Ajouter une clé » (la route d'ajout existante),
 * que l'agent envoie après avoir choisi le type. Le code PIN est demandé par l'assistant (pinentry), jamais ici. */
(() => {
  "use strict";
  const section = document.getElementById("generer-bi-cle");
  if (!section || !window.SceauAssistant) return;
  const assistant = window.SceauAssistant;
  const button = document.getElementById("generer-cle");
  const message = document.getElementById("message-bi-cle");
  const offline = document.getElementById("bi-cle-hors-ligne");
  const tokens = document.getElementById("jetons-connus");

  function fieldError(id, text) {
    const input = document.getElementById(id);
    const error = document.getElementById(id + "-erreur");
    const field = input.closest(".field");
    error.textContent = text || "";
    error.hidden = !text;
    field.classList.toggle("field--error", Boolean(text));
    const described = (input.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== error.id);
    if (text) { described.push(error.id); input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    input.setAttribute("aria-describedby", described.join(" "));
  }

  function listTokens() {
    assistant.call("certificates.list", {}).then((certificates) => {
      const seen = new Set();
      tokens.textContent = "";
      (certificates || []).forEach((c) => {
        const label = c.source && c.source.token && c.source.token.label;
        if (!label || seen.has(label)) return;
        seen.add(label);
        const option = document.createElement("option");
        option.value = label;
        tokens.appendChild(option);
      });
      const input = document.getElementById("jeton-bi-cle");
      if (!input.value && seen.size === 1) input.value = Array.from(seen)[0];
    }).catch(() => {});
  }

  function state(online) {
    if (online === null) return;
    offline.hidden = online;
    button.disabled = !online;
    if (online) listTokens();
  }
  document.addEventListener("sceau:assistant", (event) => state(event.detail.online));
  state(assistant.online);

  button.addEventListener("click", () => {
    const name = document.getElementById("nom-bi-cle").value.trim();
    const token = document.getElementById("jeton-bi-cle").value.trim();
    fieldError("nom-bi-cle", name ? "" : "Saisissez le nom de la clé de chiffrement (« Prénom Nom » ou une fonction).");
    fieldError("jeton-bi-cle", token ? "" : "Indiquez la carte ou la clé USB qui recevra la bi-clé.");
    if (!name) { document.getElementById("nom-bi-cle").focus(); return; }
    if (!token) { document.getElementById("jeton-bi-cle").focus(); return; }
    button.disabled = true;
    message.textContent = "Génération en cours : saisissez le code PIN de « " + token + " » dans la fenêtre de l'assistant…";
    const algorithm = document.getElementById("algorithme-bi-cle").value;
    assistant.call("keys.generate", { token: token, name: name, algorithm: algorithm }).then((result) => {
      document.getElementById("cle-nom").value = name;
      const certificate = document.getElementById("cle-certificat");
      certificate.value = result.certificatePEM;
      message.textContent = "Bi-clé « " + name + " » générée sur « " + token + " ». Son certificat est inscrit dans le "
        + "formulaire ci-dessous : choisissez le type de bi-clé (personnelle ou de secours), puis « Ajouter la clé ».";
      document.getElementById("cle-type").focus();
    }).catch((error) => {
      message.textContent = "";
      fieldError("jeton-bi-cle", "La bi-clé n'a pas été générée : " + error.message);
    }).then(() => { button.disabled = !assistant.online; });
  });
})();
