/* Sceau — mode guichet : joindre à la demande un papier remis par l'usager.
 * Le fichier est envoyé dans l'espace du foyer (POST …/foyers/{id}/documents) puis coché dans la liste des pièces.
 * Sans ce script, l'agent coche les documents déjà présents dans l'espace du foyer. */
(function () {
  'use strict';

  const doc = document;

  function message(text, fallback) {
    try {
      const body = JSON.parse(text);
      if (body && body.error && body.error.message) return body.error.message;
    } catch (ignored) {
      // pas du JSON : le texte tel quel
    }
    return text || fallback;
  }

  function addChoice(list, added) {
    const id = 'document-' + added.id;
    const line = doc.createElement('div');
    line.className = 'choice';
    const box = doc.createElement('input');
    box.type = 'checkbox';
    box.id = id;
    box.name = 'document';
    box.value = String(added.id);
    box.checked = true;
    const label = doc.createElement('label');
    label.htmlFor = id;
    label.textContent = added.kind + ' — ' + added.fileName;
    line.append(box, label);
    list.append(line);
    const empty = doc.getElementById('pieces-vide');
    if (empty) empty.remove();
  }

  function init() {
    const button = doc.getElementById('joindre-piece');
    const input = doc.getElementById('piece-fichier');
    const kind = doc.getElementById('piece-type');
    const status = doc.getElementById('etat-piece');
    const list = doc.getElementById('pieces');
    if (!button || !input || !kind || !status || !list) return;
    button.addEventListener('click', async () => {
      const file = input.files[0];
      if (!file) {
        status.textContent = 'Choisissez le fichier.';
        input.focus();
        return;
      }
      status.textContent = 'Envoi en cours…';
      button.disabled = true;
      const url = button.dataset.url + '?type=' + encodeURIComponent(kind.value) + '&nom=' + encodeURIComponent(file.name);
      try {
        const response = await fetch(url, {
          method: 'POST',
          body: file,
          credentials: 'same-origin',
          headers: {
            'Content-Type': 'application/octet-stream',
            'X-CSRF-Token': button.dataset.csrf,
            Accept: 'application/json',
          },
        });
        const text = await response.text();
        if (!response.ok) {
          status.textContent = message(text, "Le fichier n'a pas été joint.");
          return;
        }
        const added = JSON.parse(text);
        addChoice(list, added);
        input.value = '';
        status.textContent = 'Fichier joint : ' + added.fileName + '.';
      } catch (error) {
        status.textContent = "Le fichier n'a pas été joint : la plateforme ne répond pas. Réessayez.";
      } finally {
        button.disabled = false;
      }
    });
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
  else init();
})();
