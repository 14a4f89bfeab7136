/// `/static/depot.js`: the company's "Déposer" form. It asks the platform for a deposit job (signed
/// descriptor and one-time token), hands it to the assistant with `jobs.start`, sends the chosen files as
/// binary frames of 1 MiB, and shows the job's steps from `event.job` until the receipt. The PIN is asked
/// by the assistant (pinentry), never by the page.
enum DepositScript {
    static let source = #"""
        (() => {
          "use strict";
          const section = document.getElementById("depot");
          if (!section) return;
          const status = document.getElementById("suivi-depot");
          const button = document.getElementById("deposer");
          const port = section.dataset.assistantPort;
          const reference = section.dataset.reference;
          const signatureRequired = section.dataset.signature === "requise";
          let socket = null, nextId = 0, jobId = null;
          const pending = new Map();

          function show(text) { status.textContent = text; }

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

          function connect() {
            return new Promise((resolve, reject) => {
              socket = new WebSocket(`ws://127.0.0.1:${port}/ws`);
              socket.binaryType = "arraybuffer";
              socket.onerror = () => reject(new Error("assistant injoignable"));
              socket.onclose = () => { socket = null; };
              socket.onmessage = event => {
                const message = JSON.parse(event.data);
                if (message.method === "event.job") {
                  if (message.params.id === jobId) {
                    show(describe(message.params));
                    section.dataset.etat = message.params.state;
                    if (message.params.state !== "running") button.disabled = false;
                  }
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
            for (const c of certificates.filter(c => c.source && c.source.token)) {
              const option = document.createElement("option");
              option.value = JSON.stringify({token: c.source.token.label, key: c.source.token.id});
              option.textContent = `${c.holder || c.source.token.objectLabel} (${c.source.token.label})`;
              select.appendChild(option);
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
            }
          }

          button.addEventListener("click", deposit);
          connect().then(listCertificates).catch(() =>
            show("L'assistant Sceau est hors ligne : démarrez-le (sceau-assistant serve) pour déposer."));
        })();
        """#
}
