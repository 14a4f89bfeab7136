/* Sceau — pièces jointes de la messagerie sécurisée, envoyées une à une avant le courrier ou la réponse.
 * Un bloc <div data-message-attachment data-url="…" data-csrf="…" data-list="ID" [data-form="ID"]> contient le
 * fichier ([data-attachment-file]), le bouton ([data-attachment-submit]) et la zone d'état ([data-attachment-status]).
 * Le fichier est envoyé comme corps de la requête (?nom=…) ; la pièce reçue revient cochée (name="piece") dans
 * l'élément #ID (rattachée au formulaire data-form quand il est donné). Le bloc reste masqué sans ce script.
 * L'envoi passe par Sceau.sendFile (sceau.js). ES2017, compatible avec une CSP stricte. */
(function () {
  'use strict';

  function size(bytes) {
    if (bytes < 1024) return bytes + ' o';
    if (bytes < 1024 * 1024) return Math.round(bytes / 1024) + ' Ko';
    return (bytes / (1024 * 1024)).toFixed(1).replace('.', ',') + ' Mo';
  }

  function addChecked(list, added, form) {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'piece';
    box.value = String(added.id);
    box.id = 'piece-' + added.id;
    box.checked = true;
    if (form) box.setAttribute('form', form);
    const label = document.createElement('label');
    label.htmlFor = box.id;
    label.textContent = added.name + ' (' + size(added.size) + ')';
    const choice = document.createElement('div');
    choice.className = 'choice';
    choice.append(box, label);
    list.append(choice);
  }

  function init(block) {
    const input = block.querySelector('[data-attachment-file]');
    const button = block.querySelector('[data-attachment-submit]');
    const status = block.querySelector('[data-attachment-status]');
    const list = document.getElementById(block.dataset.list);
    if (!input || !button || !status || !list) return;
    block.hidden = false;
    button.addEventListener('click', async () => {
      const file = input.files[0];
      if (!file) {
        status.textContent = 'Choisissez le fichier à joindre.';
        input.focus();
        return;
      }
      button.disabled = true;
      status.textContent = 'Envoi en cours…';
      const result = await window.Sceau.sendFile(block.dataset.url, file, block.dataset.csrf);
      button.disabled = false;
      if (!result.ok) {
        status.textContent = result.message;
        return;
      }
      addChecked(list, result.body, block.dataset.form);
      input.value = '';
      status.textContent = 'Fichier joint : ' + result.body.name + '. Il partira avec le courrier tant qu\'il reste coché.';
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-message-attachment]'), init);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
