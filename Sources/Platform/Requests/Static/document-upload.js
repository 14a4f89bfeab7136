/* Sceau — envoi d'un justificatif vers l'espace documents du foyer, sans recharger le formulaire.
 * Un bloc <div data-document-upload data-url="…" data-csrf="…"> contient le type de pièce ([data-upload-kind]),
 * le fichier ([data-upload-file]), le bouton ([data-upload-submit]) et la zone d'état ([data-upload-status]).
 * Avec data-upload-list="ID", le document ajouté revient coché dans l'élément #ID (les champs saisis restent) ;
 * sans, la page se recharge. Le bloc est masqué tant que ce script ne l'a pas affiché (il ne sert qu'avec lui).
 * L'envoi passe par Sceau.sendFile (sceau.js). ES2017, compatible avec une CSP stricte. */
(function () {
  'use strict';

  function addChecked(list, added) {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'document';
    box.value = String(added.id);
    box.checked = true;
    const text = document.createElement('span');
    text.textContent = added.kind + ' — ' + added.fileName;
    const label = document.createElement('label');
    label.className = 'choice';
    label.append(box, ' ', text);
    list.append(label);
    const empty = document.querySelector('[data-upload-empty]');
    if (empty) empty.hidden = true;
  }

  function init(block) {
    const kind = block.querySelector('[data-upload-kind]');
    const input = block.querySelector('[data-upload-file]');
    const button = block.querySelector('[data-upload-submit]');
    const status = block.querySelector('[data-upload-status]');
    if (!kind || !input || !button || !status) return;
    block.hidden = false;
    button.addEventListener('click', async () => {
      const file = input.files[0];
      const type = kind.value.trim();
      if (!type) {
        status.textContent = 'Indiquez le type de pièce.';
        kind.focus();
        return;
      }
      if (!file) {
        status.textContent = 'Choisissez le fichier à joindre.';
        input.focus();
        return;
      }
      button.disabled = true;
      status.textContent = 'Envoi en cours…';
      const result = await window.Sceau.sendFile(
        block.dataset.url + '?type=' + encodeURIComponent(type), file, block.dataset.csrf);
      button.disabled = false;
      if (!result.ok) {
        status.textContent = result.message;
        return;
      }
      const list = block.dataset.uploadList && document.getElementById(block.dataset.uploadList);
      if (!list) {
        window.location.reload();
        return;
      }
      addChecked(list, result.body);
      input.value = '';
      status.textContent = 'Fichier joint : ' + result.body.fileName + '. Il est coché dans la liste des pièces.';
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-document-upload]'), init);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
