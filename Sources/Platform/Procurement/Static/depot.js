/* Sceau — « Déposer » d'une consultation (section#depot). Demande à la plateforme un job de dépôt (descripteur
 * signé et jeton à usage unique), le confie à l'assistant (jobs.start), lui envoie les fichiers choisis en trames
 * binaires de 1 Mio et suit les étapes du job (event.job) jusqu'à l'accusé de réception. Le code PIN est demandé
 * par l'assistant (pinentry), jamais par la page. */
(() => {
  "use strict";
  const section = document.getElementById("depot");
  if (!section) return;
  const status = document.getElementById("suivi-depot");
  const button = document.getElementById("deposer");
  const progress = document.getElementById("progression-depot");
  const done = document.getElementById("depot-termine");
  const port = section.dataset.assistantPort;
  const reference = section.dataset.reference;
  const signatureRequired = section.dataset.signature === "requise";
  let socket = null, nextId = 0, jobId = null;
  const pending = new Map();

  function show(text) { status.textContent = text; }

  function showProgress(percent) {
    if (!progress) return;
    if (percent == null) { progress.removeAttribute("value"); } else { progress.value = Math.round(percent); }
    progress.textContent = percent == null ? "" : `${Math.round(percent)} %`;
    progress.hidden = false;
  }

  function call(method, params) {
    const id = ++nextId;
    socket.send(JSON.stringify({jsonrpc: "2.0", id, method, params}));
    return new Promise((resolve, reject) => pending.set(id, {resolve, reject}));
  }

  function describe(job) {
    const step = job.steps.find(s => s.state === "running") || job.steps[job.steps.length - 1];
    const percent = job.progress.percent != null ? ` — ${Math.round(job.progress.percent)} %` : "";
    const detail = job.progress.detail ? ` — ${job.progress.detail}` : "";
    if (job.state === "succeeded") return `Dépôt terminé${detail}`;
    if (job.state === "failed") return `Échec du dépôt : ${job.error || ""}`;
    if (job.state === "cancelled") return "Dépôt annulé.";
    return `${step ? step.name : ""}${percent}${detail}`;
  }

  function follow(job) {
    show(describe(job));
    section.dataset.etat = job.state;
    if (job.state === "running") {
      showProgress(job.progress.percent);
      return;
    }
    button.disabled = false;
    if (job.state === "succeeded") {
      showProgress(100);
      if (done) done.hidden = false;
    } else if (progress) {
      progress.hidden = true;
    }
  }

  function connect() {
    return new Promise((resolve, reject) => {
      socket = new WebSocket(`ws://127.0.0.1:${port}/ws`);
      socket.binaryType = "arraybuffer";
      socket.onerror = () => reject(new Error("assistant injoignable"));
      socket.onclose = () => { socket = null; };
      socket.onmessage = event => {
        const message = JSON.parse(event.data);
        if (message.method === "event.job") {
          if (message.params.id === jobId) follow(message.params);
          return;
        }
        const waiting = pending.get(message.id);
        if (!waiting) return;
        pending.delete(message.id);
        if (message.error) waiting.reject(new Error(message.error.message));
        else waiting.resolve(message.result);
      };
      socket.onopen = async () => {
        try {
          await call("hello", {client: "Sceau plateforme — dépôt", browser: navigator.userAgent});
          await call("events.subscribe");
          resolve();
        } catch (error) { reject(error); }
      };
    });
  }

  async function listCertificates() {
    const select = document.getElementById("certificat-signature");
    if (!select) return;
    const certificates = await call("certificates.list");
    const previous = select.value;
    select.textContent = "";
    for (const c of certificates.filter(c => c.source && c.source.token)) {
      const option = document.createElement("option");
      option.value = JSON.stringify({token: c.source.token.label, key: c.source.token.id});
      option.textContent = `${c.holder || c.source.token.objectLabel} (${c.source.token.label})`;
      select.appendChild(option);
      if (option.value === previous) option.selected = true;
    }
    if (!select.options.length) {
      show("Aucun certificat de signature n'est présent sur ce poste : insérez votre carte ou clé USB, " +
           "puis rechargez la page.");
    }
  }

  async function deposit() {
    const files = [];
    for (const input of section.querySelectorAll("input[type=file]")) {
      for (const file of input.files) files.push({envelope: input.dataset.envelope, file});
    }
    if (files.length === 0) { show("Choisissez au moins un fichier."); return; }
    button.disabled = true;
    section.dataset.etat = "running";
    if (done) done.hidden = true;
    showProgress(null);
    try {
      if (!socket) { await connect(); await listCertificates(); }
      show("Préparation du dépôt…");
      const answer = await fetch(`/api/public/consultations/${encodeURIComponent(reference)}/deposit-jobs`, {
        method: "POST", headers: {"X-CSRF-Token": section.dataset.csrf}, credentials: "same-origin"});
      const offer = await answer.json();
      if (!answer.ok) throw new Error((offer.error && offer.error.message) || `HTTP ${answer.status}`);
      const params = {descriptor: offer.descriptor, signature: offer.signature, jobToken: offer.token,
                      files: files.map(f => ({envelope: f.envelope, name: f.file.name, size: f.file.size}))};
      if (signatureRequired) {
        const chosen = document.getElementById("certificat-signature").value;
        if (!chosen) throw new Error("choisissez un certificat de signature");
        Object.assign(params, JSON.parse(chosen));
      }
      jobId = JSON.parse(atob(offer.descriptor)).id;
      const started = call("jobs.start", params);
      for (const {file} of files) {
        for (let offset = 0; offset < file.size; offset += 1 << 20) {
          socket.send(await file.slice(offset, offset + (1 << 20)).arrayBuffer());
        }
      }
      await started;
    } catch (error) {
      show(`Échec du dépôt : ${error.message}`);
      section.dataset.etat = "failed";
      button.disabled = false;
      if (progress) progress.hidden = true;
    }
  }

  button.addEventListener("click", deposit);
  connect().then(listCertificates).catch(() =>
    show("L'assistant Sceau est hors ligne : démarrez-le (sceau-assistant serve) pour déposer."));
})();
