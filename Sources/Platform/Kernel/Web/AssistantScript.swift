/// `/static/assistant.js`: every page probes the assistant on the workstation (`ws://127.0.0.1:<port>/ws`,
/// `hello`) and shows "État de l'assistant"; on a consultation's "Plis" section it asks the platform for a
/// job naming the envelopes checked in the table of plis, hands it to the assistant (`jobs.start`), shows the
/// assistant's `event.job` and the platform's progress (`GET /api/consultations/{id}/jobs`, every second), and
/// reloads the plis when a job ends.
///
/// It is also the one connection the pages' own scripts use (`window.SceauAssistant`): `call(method, params)`,
/// `send(method, params, blobs)` for the methods that take files as binary frames and answer with binary frames
/// (`sign`, `verify`: the promise gives `{result, frames}`), `online` (true, false, or null while the first
/// attempt runs), and the event `sceau:assistant` on `document` (`detail.online`) at each change.
package enum AssistantScript {
    /// The documented default port of the agents' assistant, which the pages reach on 127.0.0.1.
    package static let defaultPort = 17420

    package static func source(defaultPort: Int) -> String {
        """
        "use strict";
        (function () {
          var DEFAULT_PORT = \(defaultPort);
          var plis = document.getElementById("plis");
          var port = (plis && plis.dataset.assistantPort) || (document.body && document.body.dataset.assistantPort) || DEFAULT_PORT;
          var status = document.getElementById("etat-assistant");
          var help = document.getElementById("aide-assistant");
          var socket = null, ready = false, nextID = 1, pending = {};
          var assistantJobs = {};
          // Binary frames the assistant sent since the last answer (a signature): they go to the next answer to `send`.
          var frames = [];
          var CHUNK = 1048576;
          var api = window.SceauAssistant = { online: null, call: call, send: send, hello: null };

          document.querySelectorAll(".origine-plateforme").forEach(function (node) { node.textContent = location.origin; });

          function setOnline(online) {
            if (status) {
              status.textContent = online ? "En ligne" : "Hors ligne";
              status.className = "badge " + (online ? "badge--success" : "badge--neutral");
            }
            if (help) help.hidden = online;
            if (api.online !== online) {
              api.online = online;
              document.dispatchEvent(new CustomEvent("sceau:assistant", { detail: { online: online } }));
            }
          }

          function call(method, params) {
            return new Promise(function (resolve, reject) {
              if (!socket || socket.readyState !== WebSocket.OPEN) { reject(new Error("L'assistant est hors ligne.")); return; }
              var id = nextID++;
              pending[id] = { resolve: resolve, reject: reject };
              socket.send(JSON.stringify({ jsonrpc: "2.0", id: id, method: method, params: params || {} }));
            });
          }

          // A method followed by files (Blobs) in binary frames of 1 MiB at most; resolves with the result and the
          // binary frames the assistant sent back before it.
          function send(method, params, blobs) {
            if (!ready) return Promise.reject(new Error("L'assistant est hors ligne."));
            frames = [];
            var answer = call(method, params).then(function (result) {
              var received = frames;
              frames = [];
              return { result: result, frames: received };
            });
            var chain = Promise.resolve();
            (blobs || []).forEach(function (blob) {
              for (var offset = 0; offset < blob.size; offset += CHUNK) {
                (function (start) {
                  chain = chain.then(function () { return blob.slice(start, start + CHUNK).arrayBuffer(); })
                    .then(function (buffer) { if (socket) socket.send(buffer); });
                })(offset);
              }
            });
            return chain.then(function () { return answer; });
          }

          function connect() {
            try { socket = new WebSocket("ws://127.0.0.1:" + port + "/ws"); } catch (e) { setOnline(false); return; }
            socket.binaryType = "arraybuffer";
            socket.onopen = function () {
              call("hello", { client: "Sceau plateforme", browser: navigator.userAgent }).then(function (hello) {
                ready = true;
                api.hello = hello;
                setOnline(true);
                return call("events.subscribe", {});
              }).then(listDecryptionKeys).catch(function () { setOnline(false); });
            };
            socket.onmessage = function (message) {
              if (typeof message.data !== "string") { frames.push(message.data); return; }
              var data;
              try { data = JSON.parse(message.data); } catch (e) { return; }
              if (data.id !== undefined && pending[data.id]) {
                var waiting = pending[data.id];
                delete pending[data.id];
                if (data.error) waiting.reject(new Error(data.error.message)); else waiting.resolve(data.result);
              } else if (data.method === "event.job" && data.params) {
                assistantJobs[data.params.id] = data.params;
                if (plis && plis.dataset.consultation) render();
                document.dispatchEvent(new CustomEvent("sceau:job", { detail: data.params }));
              }
            };
            socket.onclose = function () {
              ready = false;
              setOnline(false);
              Object.keys(pending).forEach(function (id) { pending[id].reject(new Error("L'assistant est hors ligne.")); });
              pending = {};
              setTimeout(connect, 5000);
            };
            socket.onerror = function () { setOnline(false); };
          }
          // The tokens holding an encryption certificate, for "Ouvrir en ligne" (the key never leaves them).
          function listDecryptionKeys() {
            var select = document.getElementById("cle-dechiffrement");
            if (!select) return;
            return call("certificates.list", {}).then(function (certificates) {
              var seen = {};
              while (select.options.length > 1) select.remove(1);
              (certificates || []).forEach(function (c) {
                var usages = c.keyUsages || [];
                if (!c.source || !c.source.token) return;
                if (usages.indexOf("keyEncipherment") < 0 && usages.indexOf("keyAgreement") < 0) return;
                var label = c.source.token.label;
                if (seen[label]) return;
                seen[label] = true;
                var option = document.createElement("option");
                option.value = label;
                option.textContent = (c.holder || label) + " (" + label + ")";
                select.appendChild(option);
              });
              if (select.options.length === 2) select.selectedIndex = 1;
            }).catch(function () {});
          }

          setOnline(false);
          connect();

          if (!plis || !plis.dataset.consultation) return;
          var consultation = plis.dataset.consultation;
          var csrf = plis.dataset.csrf;
          var follow = document.getElementById("suivi-jobs");
          var message = document.getElementById("message-jobs");
          var model = document.getElementById("modele-traitement");
          var platformJobs = [];
          var running = {};

          function speed(bytesPerSecond) {
            if (!bytesPerSecond) return "";
            if (bytesPerSecond > 1048576) return (bytesPerSecond / 1048576).toFixed(1).replace(".", ",") + " Mo/s";
            return (bytesPerSecond / 1024).toFixed(0) + " Ko/s";
          }

          var LABELS = { "telechargement": "Télécharger les plis chiffrés", "ouverture-en-ligne": "Ouvrir en ligne" };
          var STATES = { "en-attente": "En attente", "en-cours": "En cours", "termine": "Terminé", "echec": "Échec", "annule": "Annulé" };
          var TONES = { "en-attente": "neutral", "en-cours": "progress", "termine": "success", "echec": "danger", "annule": "warning" };

          // Each job is a copy of the page's model (#modele-traitement), its parts (data-part) filled in place,
          // so that the progress bars move instead of being rebuilt every second.
          function part(item, name) { return item.querySelector('[data-part="' + name + '"]'); }
          function fill(item, name, value) {
            var node = part(item, name);
            if (node) node.textContent = value;
            return node;
          }
          function show(item, job) {
            var progress = job.progress;
            var local = assistantJobs[job.id];
            var percent = progress.percent;
            var detail = progress.detail || "";
            var rate = progress.bytesPerSecond;
            if (local && local.progress && local.state === "running") {
              percent = Math.max(percent, local.progress.percent || 0);
              detail = local.progress.detail || detail;
              rate = local.progress.bytesPerSecond || rate;
            }
            percent = Math.min(100, Math.max(0, Math.round(percent || 0)));
            var label = LABELS[job.kind] || job.kind;
            fill(item, "libelle", label);
            var badge = fill(item, "etat", STATES[progress.state] || progress.state);
            if (badge) badge.className = "badge badge--" + (TONES[progress.state] || "neutral");
            fill(item, "demandeur", job.requestedBy);
            fill(item, "etape", progress.stepName);
            var meter = part(item, "progression");
            if (meter) {
              meter.value = percent;
              meter.textContent = percent + " %";
              meter.setAttribute("aria-label", "Avancement : " + label);
            }
            fill(item, "pourcentage", percent + " %");
            fill(item, "vitesse", rate ? " · " + speed(rate) : "");
            fill(item, "detail", detail ? " · " + detail : "");
            var error = fill(item, "erreur", progress.error || "");
            if (error) error.hidden = !progress.error;
          }

          function render() {
            var list = follow.querySelector(".jobs");
            var none = follow.querySelector('[data-part="aucun-traitement"]');
            if (none) none.hidden = platformJobs.length > 0;
            var items = {};
            Array.prototype.forEach.call(list.querySelectorAll("[data-job]"), function (item) { items[item.dataset.job] = item; });
            platformJobs.forEach(function (job) {
              var item = items[job.id];
              delete items[job.id];
              if (!item) {
                item = model.content.firstElementChild.cloneNode(true);
                item.dataset.job = job.id;
              }
              show(item, job);
              list.appendChild(item);
            });
            Object.keys(items).forEach(function (id) { items[id].remove(); });
          }

          function reloadPlis() {
            fetch(location.pathname, { credentials: "same-origin" }).then(function (response) { return response.text(); })
              .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("liste-plis");
                var current = document.getElementById("liste-plis");
                if (fresh && current) current.replaceWith(fresh);
              }).catch(function () {});
          }

          function poll() {
            fetch("/api/consultations/" + consultation + "/jobs", { credentials: "same-origin" })
              .then(function (response) { return response.ok ? response.json() : []; })
              .then(function (jobs) {
                var ended = false;
                jobs.forEach(function (job) {
                  var final = ["termine", "echec", "annule"].indexOf(job.progress.state) >= 0;
                  if (running[job.id] && final) {
                    ended = true;
                    message.textContent = (LABELS[job.kind] || job.kind) + " : " + (STATES[job.progress.state] || job.progress.state) + ".";
                  }
                  running[job.id] = !final;
                });
                platformJobs = jobs;
                render();
                if (ended) reloadPlis();
              }).catch(function () {});
          }
          poll();
          setInterval(poll, 1000);

          // The envelopes checked in the table of plis (`depot:enveloppe`); an online opening skips those already open.
          function selection(kind) {
            return Array.prototype.filter.call(document.querySelectorAll('#liste-plis input[name="enveloppe"]:checked'), function (box) {
              return kind !== "ouverture-en-ligne" || box.dataset.etat !== "ouverte-en-ligne";
            }).map(function (box) {
              var parts = box.value.split(":");
              return { depositId: Number(parts[0]), envelope: parts[1] };
            });
          }

          function start(kind) {
            message.textContent = "";
            var envelopes = selection(kind);
            if (!envelopes.length) { message.textContent = "Cochez au moins une enveloppe" + (kind === "ouverture-en-ligne" ? " fermée" : "") + " dans le tableau des plis."; return; }
            if (!ready) { message.textContent = "L'assistant est hors ligne : installez-le ou démarrez-le (voir l'aide en haut de la page)."; return; }
            fetch("/api/consultations/" + consultation + "/jobs", {
              method: "POST", credentials: "same-origin",
              headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
              body: JSON.stringify({ kind: kind, envelopes: envelopes })
            }).then(function (response) {
              return response.json().then(function (body) {
                if (!response.ok) throw new Error((body.error && body.error.message) || ("Refus de la plateforme (" + response.status + ")."));
                return body;
              });
            }).then(function (offer) {
              var params = { descriptor: offer.descriptor, signature: offer.signature, jobToken: offer.token };
              var key = document.getElementById("cle-dechiffrement");
              if (kind === "ouverture-en-ligne" && key && key.value) params.token = key.value;
              return call("jobs.start", params);
            }).then(function (result) {
              running[result.jobId] = true;
              message.textContent = "Le traitement est confié à l'assistant.";
              poll();
            }).catch(function (error) { message.textContent = error.message; });
          }
          document.getElementById("telecharger-plis").addEventListener("click", function () { start("telechargement"); });
          document.getElementById("ouvrir-en-ligne").addEventListener("click", function () { start("ouverture-en-ligne"); });
        })();
        """
    }
}
