/* Sceau — amélioration progressive des pages. Chaque page fonctionne sans ce script.
 * ES2017, sans dépendance, compatible avec une CSP stricte (script-src 'self', ni eval ni gestionnaire en ligne). */
(function () {
  'use strict';

  const doc = document;
  const all = (selector, root) => Array.prototype.slice.call((root || doc).querySelectorAll(selector));
  const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });
  let uid = 0;
  const ensureId = (el, prefix) => {
    if (!el.id) {
      uid += 1;
      el.id = prefix + '-' + uid;
    }
    return el.id;
  };
  const make = (tag, props, text) => {
    const el = doc.createElement(tag);
    Object.keys(props || {}).forEach((key) => {
      if (key === 'className') {
        el.className = props[key];
      } else {
        el.setAttribute(key, props[key]);
      }
    });
    if (text !== undefined) el.textContent = text;
    return el;
  };

  /* ---------- Confirmations : <form data-confirm="Question ?"> ---------- */

  let confirmDialog = null;
  let pending = null; // { form, submitter }

  function buildConfirmDialog() {
    const dialog = make('dialog', {
      className: 'dialog',
      'aria-labelledby': 'sceau-confirm-title',
      'aria-describedby': 'sceau-confirm-text',
    });
    const title = make('h2', { className: 'dialog__title', id: 'sceau-confirm-title' }, 'Confirmation');
    const text = make('p', { id: 'sceau-confirm-text' });
    const actions = make('div', { className: 'dialog__actions' });
    const yes = make('button', { type: 'button', className: 'btn', value: 'confirm' }, 'Confirmer');
    const no = make('button', { type: 'button', className: 'btn btn--secondary', value: 'cancel' }, 'Annuler');
    no.autofocus = true; // action destructive : le choix prudent reçoit le focus
    actions.append(yes, no);
    dialog.append(title, text, actions);
    yes.addEventListener('click', () => dialog.close('confirm'));
    no.addEventListener('click', () => dialog.close('cancel'));
    dialog.addEventListener('close', onConfirmClosed);
    doc.body.appendChild(dialog);
    return dialog;
  }

  function submitConfirmed(form, submitter) {
    form.dataset.confirmed = 'true';
    if (typeof form.requestSubmit === 'function') {
      if (submitter) form.requestSubmit(submitter);
      else form.requestSubmit();
      return;
    }
    // Navigateurs anciens : conserver le nom et la valeur du bouton utilisé.
    if (submitter && submitter.name) {
      form.appendChild(make('input', { type: 'hidden', name: submitter.name, value: submitter.value || '' }));
    }
    form.submit();
  }

  function onConfirmClosed() {
    const state = pending;
    pending = null;
    if (!state) return;
    if (confirmDialog.returnValue === 'confirm') {
      submitConfirmed(state.form, state.submitter);
    } else if (state.submitter && typeof state.submitter.focus === 'function') {
      state.submitter.focus();
    }
  }

  doc.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    let submitter = event.submitter || doc.activeElement;
    if (!submitter || submitter.form !== form || submitter.type !== 'submit') submitter = null;
    const question = (submitter && submitter.dataset && submitter.dataset.confirm) || form.dataset.confirm;
    if (!question) return;
    if (form.dataset.confirmed === 'true') {
      delete form.dataset.confirmed;
      return;
    }
    event.preventDefault();
    if (typeof HTMLDialogElement !== 'function' || !('showModal' in HTMLDialogElement.prototype)) {
      if (window.confirm(question)) submitConfirmed(form, submitter);
      return;
    }
    if (!confirmDialog) confirmDialog = buildConfirmDialog();
    if (confirmDialog.open) return;
    pending = { form: form, submitter: submitter };
    confirmDialog.querySelector('#sceau-confirm-text').textContent = question;
    confirmDialog.returnValue = '';
    confirmDialog.showModal(); // modal natif : focus piégé, Échap annule (événement « cancel » puis « close »)
  });

  /* ---------- Pagination côté client : <table data-page-size="25"> ---------- */

  const pagers = new WeakMap();

  function bodyRows(table) {
    return Array.prototype.concat.apply([], Array.prototype.map.call(table.tBodies, (b) => Array.from(b.rows)));
  }

  function pageButton(label, action, attrs) {
    const base = { type: 'button', className: 'pagination__link', 'data-action': action };
    const button = make('button', Object.assign(base, attrs || {}), label);
    const li = make('li');
    li.appendChild(button);
    return li;
  }

  function pageWindow(current, count) {
    const pages = [];
    for (let p = 1; p <= count; p += 1) {
      if (p === 1 || p === count || Math.abs(p - current) <= 1) pages.push(p);
      else if (pages[pages.length - 1] !== 0) pages.push(0); // 0 : points de suspension
    }
    return pages;
  }

  function paginate(table, page, focusAction) {
    const pager = pagers.get(table);
    if (!pager) return;
    const rows = bodyRows(table);
    const count = Math.max(1, Math.ceil(rows.length / pager.size));
    pager.page = Math.min(Math.max(1, page), count);
    const first = (pager.page - 1) * pager.size;
    rows.forEach((row, i) => {
      row.hidden = i < first || i >= first + pager.size;
    });
    const nav = pager.nav;
    nav.hidden = count <= 1;
    const last = Math.min(first + pager.size, rows.length);
    pager.status.textContent = 'Lignes ' + (rows.length ? first + 1 : 0) + ' à ' + last + ' sur ' + rows.length;
    const list = pager.list;
    list.textContent = '';
    const atStart = pager.page === 1;
    const atEnd = pager.page === count;
    list.appendChild(pageButton('« Précédent', 'prev', atStart ? { 'aria-disabled': 'true' } : {}));
    pageWindow(pager.page, count).forEach((p) => {
      if (p === 0) {
        list.appendChild(make('li', { className: 'pagination__gap', 'aria-hidden': 'true' }, '…'));
        return;
      }
      const attrs = { 'aria-label': 'Page ' + p };
      if (p === pager.page) attrs['aria-current'] = 'page';
      list.appendChild(pageButton(String(p), 'page-' + p, attrs));
    });
    list.appendChild(pageButton('Suivant »', 'next', atEnd ? { 'aria-disabled': 'true' } : {}));
    if (focusAction) {
      const target = nav.querySelector('[data-action="' + focusAction + '"]');
      if (target) target.focus();
    }
  }

  function initPagination(table) {
    const size = parseInt(table.getAttribute('data-page-size'), 10);
    if (!(size > 0)) return;
    const nav = make('nav', { className: 'pagination', 'aria-label': 'Pagination' });
    const status = make('p', { className: 'pagination__status', 'aria-live': 'polite' });
    const list = make('ul');
    nav.append(status, list);
    const parent = table.parentElement;
    const wrap = parent && parent.classList.contains('table-wrap') ? parent : table;
    wrap.insertAdjacentElement('afterend', nav);
    pagers.set(table, { size: size, page: 1, nav: nav, status: status, list: list });
    nav.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-action]');
      if (!button || button.getAttribute('aria-disabled') === 'true') return;
      const pager = pagers.get(table);
      const action = button.getAttribute('data-action');
      let page = pager.page;
      if (action === 'prev') page -= 1;
      else if (action === 'next') page += 1;
      else page = parseInt(action.slice(5), 10);
      paginate(table, page, action.indexOf('page-') === 0 ? 'page-' + page : action);
      const start = table.closest('.table-wrap') || table;
      if (start.getBoundingClientRect().top < 0) start.scrollIntoView({ block: 'start' });
    });
    paginate(table, 1);
  }

  /* ---------- Tris : <table data-sortable>, <th data-sort="text|number|date-fr"> ---------- */

  function sortKey(cell, type) {
    if (!cell) return null;
    const value = cell.hasAttribute('data-sort-value') ? cell.getAttribute('data-sort-value') : cell.textContent;
    const raw = value.trim();
    if (type === 'number') {
      const n = parseFloat(raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.').replace(/[^0-9.+-]/g, ''));
      return Number.isNaN(n) ? null : n;
    }
    if (type === 'date-fr') {
      const m = /(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\D+(\d{1,2})\s*[:h]\s*(\d{2}))?/.exec(raw);
      return m ? Date.UTC(+m[3], +m[2] - 1, +m[1], +(m[4] || 0), +(m[5] || 0)) : null;
    }
    return raw;
  }

  function sortTable(table, th, direction) {
    const index = th.cellIndex;
    const type = th.getAttribute('data-sort');
    const factor = direction === 'ascending' ? 1 : -1;
    Array.prototype.forEach.call(table.tBodies, (tbody) => {
      const rows = Array.from(tbody.rows).map((row, i) => ({ row: row, i: i, key: sortKey(row.cells[index], type) }));
      rows.sort((a, b) => {
        if (a.key === null || b.key === null) {
          if (a.key === b.key) return a.i - b.i;
          return a.key === null ? 1 : -1; // cellules vides toujours à la fin
        }
        const c = type === 'text' || !type ? collator.compare(a.key, b.key) : a.key - b.key;
        return c * factor || a.i - b.i;
      });
      rows.forEach((r) => tbody.appendChild(r.row));
    });
    all('th', table.tHead || table).forEach((other) => {
      if (other === th) other.setAttribute('aria-sort', direction);
      else if (other.hasAttribute('data-sort')) other.setAttribute('aria-sort', 'none');
    });
    if (pagers.has(table)) paginate(table, 1);
  }

  function initSortable(table) {
    all('th[data-sort]', table.tHead || table).forEach((th) => {
      const button = make('button', { type: 'button', className: 'th-sort' });
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener('click', () => {
        sortTable(table, th, th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending');
      });
    });
  }

  /* ---------- Onglets : <div class="tabs" data-tabs> ---------- */

  function initTabs(root) {
    const list = root.querySelector('.tabs__nav ul, .tabs__nav ol');
    if (!list) return;
    const tabs = all('a.tabs__tab', list).filter((a) => {
      const id = decodeURIComponent((a.getAttribute('href') || '').slice(1));
      const panel = id && doc.getElementById(id);
      return panel && root.contains(panel);
    });
    if (!tabs.length) return;
    const panelOf = (tab) => doc.getElementById(decodeURIComponent(tab.getAttribute('href').slice(1)));

    list.setAttribute('role', 'tablist');
    all('li', list).forEach((li) => li.setAttribute('role', 'presentation'));
    tabs.forEach((tab) => {
      const panel = panelOf(tab);
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', panel.id);
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('tabindex', '0');
      panel.setAttribute('aria-labelledby', ensureId(tab, 'onglet'));
    });
    root.classList.add('tabs--enhanced');

    function select(tab, options) {
      const opts = options || {};
      tabs.forEach((t) => {
        const on = t === tab;
        t.setAttribute('aria-selected', on ? 'true' : 'false');
        t.setAttribute('tabindex', on ? '0' : '-1');
        panelOf(t).hidden = !on;
      });
      if (opts.focus) tab.focus();
      if (opts.updateHash && window.history && history.replaceState) {
        history.replaceState(history.state, '', '#' + panelOf(tab).id);
      }
    }
    root.sceauSelectPanel = (panel) => {
      const tab = tabs.find((t) => panelOf(t) === panel);
      if (tab) select(tab);
    };

    list.addEventListener('click', (event) => {
      const tab = event.target.closest('[role="tab"]');
      if (!tab || tabs.indexOf(tab) < 0) return;
      event.preventDefault();
      select(tab, { focus: true, updateHash: true });
    });
    list.addEventListener('keydown', (event) => {
      const i = tabs.indexOf(event.target);
      if (i < 0) return;
      let next = null;
      if (event.key === 'ArrowRight' || event.key === 'Right') next = tabs[(i + 1) % tabs.length];
      else if (event.key === 'ArrowLeft' || event.key === 'Left') next = tabs[(i - 1 + tabs.length) % tabs.length];
      else if (event.key === 'Home') next = tabs[0];
      else if (event.key === 'End') next = tabs[tabs.length - 1];
      if (!next) return;
      event.preventDefault();
      select(next, { focus: true, updateHash: true });
    });

    const withError = tabs.find((t) => panelOf(t).querySelector('.field--error, .alert--error'));
    const hash = decodeURIComponent(location.hash.slice(1));
    const target = hash && doc.getElementById(hash);
    const fromHash = target && tabs.find((t) => panelOf(t).contains(target));
    const preset = tabs.find((t) => t.getAttribute('aria-selected') === 'true');
    select(withError || fromHash || preset || tabs[0]);
  }

  // Un lien interne (résumé d'erreurs, ancre) vers un élément d'un panneau masqué affiche d'abord ce panneau.
  function revealTarget(id) {
    const target = id && doc.getElementById(id);
    const panel = target && target.closest('.tabs__panel[hidden]');
    const root = panel && panel.closest('.tabs--enhanced');
    if (root && root.sceauSelectPanel) root.sceauSelectPanel(panel);
  }

  doc.addEventListener('click', (event) => {
    const print = event.target.closest('[data-print]');
    if (print) {
      event.preventDefault();
      window.print();
      return;
    }
    const link = event.target.closest('a[href^="#"]');
    if (link && !link.matches('[role="tab"]')) revealTarget(decodeURIComponent(link.getAttribute('href').slice(1)));
  });
  window.addEventListener('hashchange', () => revealTarget(decodeURIComponent(location.hash.slice(1))));

  /* ---------- Fin de session par inactivité (#fin-de-session) ----------
   * La plateforme termine une session sans requête pendant data-inactivite secondes. La page avertit
   * data-avertissement secondes avant ; « Rester connecté », comme la saisie dans la page (une requête par minute
   * au plus), prolonge la session ; à la fin, la page se déconnecte et mène à la connexion, qui dit pourquoi. */
  function initSessionTimeout(box) {
    const idle = Number(box.dataset.inactivite) * 1000;
    const lead = Number(box.dataset.avertissement) * 1000;
    if (!(idle > 0)) return;
    const stay = doc.getElementById('rester-connecte');
    const signOut = doc.querySelector('.site-header__user form');
    const step = Math.min(60000, idle / 4);
    let last = Date.now();
    let pinged = Date.now();
    const keepAlive = () => {
      pinged = Date.now();
      return fetch('/session/activite', { credentials: 'same-origin', cache: 'no-store' }).then((response) => {
        if (response.ok) last = Date.now();
        return response.ok;
      });
    };
    const end = () => {
      const leave = () => { location.assign(box.dataset.connexion); };
      if (!signOut) return leave();
      fetch(signOut.action, { method: 'POST', credentials: 'same-origin', body: new URLSearchParams(new FormData(signOut)) })
        .then(leave, leave);
    };
    const check = () => {
      const elapsed = Date.now() - last;
      if (elapsed >= idle - 1000) {
        clearInterval(timer);
        end();
      } else if (elapsed >= idle - lead && box.hidden) {
        box.hidden = false;
        stay.focus();
      }
    };
    const timer = setInterval(check, 1000);
    stay.addEventListener('click', () => {
      keepAlive().then((ok) => {
        if (ok) box.hidden = true;
        else end();
      }, () => {});
    });
    ['keydown', 'input', 'pointerdown'].forEach((type) => doc.addEventListener(type, (event) => {
      if (!box.hidden || box.contains(event.target) || Date.now() - pinged < step) return;
      keepAlive().catch(() => {});
    }, { passive: true }));
  }

  /* ---------- Envoi d'un fichier ----------
   * Sceau.sendFile(url, fichier, jeton) : le fichier part comme corps de la requête (nom=… ajouté à url), avec le
   * jeton anti-CSRF ; la promesse rend { ok: true, body } (la réponse JSON) ou { ok: false, message } (la raison
   * donnée par la plateforme, sinon un message général). La seule façon dont les pages envoient un fichier. */
  function sendFile(url, file, csrf) {
    const separator = url.indexOf('?') < 0 ? '?' : '&';
    return fetch(url + separator + 'nom=' + encodeURIComponent(file.name), {
      method: 'POST', body: file, credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': csrf },
    }).then((response) => response.json().catch(() => null).then((body) => (response.ok
      ? { ok: true, body: body }
      : { ok: false,
          message: (body && body.error && body.error.message)
            || "Le fichier n'a pas été reçu. Réessayez dans un instant." })),
    () => ({ ok: false, message: "Le fichier n'a pas été reçu : la connexion a échoué. Réessayez dans un instant." }));
  }
  window.Sceau = { sendFile: sendFile };

  /* Un bloc <div data-file-upload data-url="…" data-csrf="…" data-done="…" hidden> contient le fichier
   * ([data-upload-file]), le bouton ([data-upload-submit]) et la zone d'état ([data-upload-status]). Reçu, la page
   * va à data-done ; refusé, la raison s'affiche sous le champ. Le bloc reste masqué sans ce script. */
  function initFileUpload(block) {
    const input = block.querySelector('[data-upload-file]');
    const button = block.querySelector('[data-upload-submit]');
    const status = block.querySelector('[data-upload-status]');
    if (!input || !button || !status) return;
    block.hidden = false;
    const refuse = (message) => {
      status.textContent = message;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    };
    button.addEventListener('click', () => {
      const file = input.files[0];
      if (!file) return refuse('Choisissez le fichier à envoyer.');
      input.removeAttribute('aria-invalid');
      button.disabled = true;
      status.textContent = 'Envoi en cours…';
      sendFile(block.dataset.url, file, block.dataset.csrf).then((result) => {
        button.disabled = false;
        if (result.ok) location.assign(block.dataset.done);
        else refuse(result.message);
      });
    });
  }

  /* ---------- Initialisation ---------- */

  function init() {
    all('[data-print][hidden]').forEach((el) => { el.hidden = false; }); // boutons utiles seulement avec le script
    all('table[data-page-size]').forEach(initPagination);
    all('table[data-sortable]').forEach(initSortable);
    all('.tabs[data-tabs]').forEach(initTabs);
    all('#fin-de-session').forEach(initSessionTimeout);
    all('[data-file-upload]').forEach(initFileUpload);
    const error = doc.querySelector('.alert--error[data-focus], #erreurs');
    if (error) {
      if (!error.hasAttribute('tabindex')) error.setAttribute('tabindex', '-1');
      error.focus();
    }
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', init);
  else init();
})();
