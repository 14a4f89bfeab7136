/* Sceau — « Outils du poste » : tester la configuration, signer un document, vérifier une signature. Chaque page
 * parle à l'assistant par la connexion de /static/assistant.js (window.SceauAssistant : call, send, online et
 * l'événement « sceau:assistant ») ; le code PIN est demandé par l'assistant (pinentry), jamais par la page.
 * Sans assistant, seule la vérification reste possible : sur le serveur (POST /api/signatures/verify). */
(() => {
  "use strict";
  const assistant = window.SceauAssistant;
  if (!assistant) return;
  const byId = (id) => document.getElementById(id);
  const make = (tag, className, text) => {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  };

  // Called at each change of the assistant's state, and at once when it is already known.
  function onAssistant(handler) {
    document.addEventListener("sceau:assistant", (event) => handler(event.detail.online));
    if (assistant.online !== null) handler(assistant.online);
  }
  onAssistant((online) => {
    const box = byId("assistant-hors-ligne");
    if (box) box.hidden = online;
  });

  // A field's error beside it (p#ID-erreur), the field marked invalid and described by it; "" clears it.
  function fieldError(id, text) {
    const input = byId(id);
    const error = byId(id + "-erreur");
    error.textContent = text || "";
    error.hidden = !text;
    input.closest(".field").classList.toggle("field--error", Boolean(text));
    const described = (input.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== error.id);
    if (text) {
      described.push(error.id);
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
    input.setAttribute("aria-describedby", described.join(" "));
    return !text;
  }

  function browserName() {
    const ua = navigator.userAgent;
    const match = /(Firefox|Edg|OPR|Chrome|Chromium|Version)\/([\d.]+)/.exec(ua);
    if (!match) return ua;
    const names = { Edg: "Edge", OPR: "Opera", Version: "Safari" };
    return (names[match[1]] || match[1]) + " " + match[2];
  }

  const parisTime = (iso) => (iso ? new Date(iso).toLocaleString("fr-FR", { timeZone: "Europe/Paris" }) : "");

  /* ---------- Tester la configuration du poste ---------- */

  function initConfigurationTest(section) {
    const button = byId("lancer-test");
    const message = byId("message-test");
    const result = byId("resultat-test");
    const conclusion = byId("conclusion-test");
    onAssistant((online) => { button.disabled = !online; });
    button.addEventListener("click", () => {
      button.disabled = true;
      message.textContent = "Test en cours…";
      assistant.call("config.test", { browser: browserName() }).then((report) => {
        const body = result.querySelector("tbody");
        body.textContent = "";
        (report.checks || []).forEach((check) => {
          const row = make("tr");
          row.dataset.verdict = check.ok ? "ok" : "echec";
          row.appendChild(make("th", "", check.name)).setAttribute("scope", "row");
          row.appendChild(make("td", "", check.result));
          const verdict = make("td");
          verdict.appendChild(make("span", "badge " + (check.ok ? "badge--success" : "badge--danger"),
            check.ok ? "Conforme" : "Non conforme"));
          row.appendChild(verdict);
          row.appendChild(make("td", "", check.ok ? "Rien à faire." : (check.remedy || "")));
          body.appendChild(row);
        });
        result.hidden = false;
        conclusion.className = "alert " + (report.ok ? "alert--success" : "alert--warning");
        conclusion.querySelector('[data-part="conclusion"]').textContent = report.conclusion || "";
        conclusion.hidden = false;
        message.textContent = "Test terminé.";
        section.dataset.etat = "termine";
      }).catch((error) => {
        message.textContent = "Le test n'a pas abouti : " + error.message;
      }).then(() => { button.disabled = !assistant.online; });
    });
  }

  /* ---------- Signer un document ---------- */

  const FORMATS = { pades: "PAdES", cades: "CAdES", xades: "XAdES" };
  const TYPES = { pades: "application/pdf", cades: "application/pkcs7-signature", xades: "application/xml" };

  function isPDF(file) { return file.type === "application/pdf" || /\.pdf$/i.test(file.name); }

  function initSigning(section) {
    const button = byId("signer");
    const message = byId("message-signature");
    const progress = byId("progression-signature");
    const select = byId("certificat-signature");
    const done = byId("fichiers-signes");
    const list = done.querySelector('[data-part="liste"]');
    let signing = false;

    function listCertificates() {
      return assistant.call("certificates.list", {}).then((certificates) => {
        const previous = select.value;
        select.textContent = "";
        const usable = (certificates || []).filter((c) => {
          const usages = c.keyUsages || [];
          return c.source && c.source.token && (usages.length === 0 || usages.indexOf("digitalSignature") >= 0
            || usages.indexOf("nonRepudiation") >= 0);
        });
        usable.forEach((c) => {
          const option = document.createElement("option");
          option.value = JSON.stringify({ token: c.source.token.label, key: c.source.token.id });
          const until = c.notAfter ? " — expire le " + new Date(c.notAfter).toLocaleDateString("fr-FR") : "";
          const fit = c.suitable ? " — Adapté pour les marchés publics" : "";
          option.textContent = (c.holder || c.source.token.objectLabel) + " (" + c.source.token.label + ")" + until + fit;
          if (option.value === previous) option.selected = true;
          select.appendChild(option);
        });
        if (!usable.length) {
          select.appendChild(make("option", "", "— Aucun certificat trouvé —")).value = "";
          fieldError("certificat-signature",
            "Aucun certificat de signature n'est présent sur ce poste : insérez votre carte ou clé USB, puis rechargez la page.");
        } else {
          fieldError("certificat-signature", "");
        }
      }).catch(() => {});
    }

    onAssistant((online) => {
      button.disabled = !online || signing;
      if (online) listCertificates();
    });
    document.addEventListener("sceau:job", (event) => {
      const job = event.detail;
      if (!signing || job.kind !== "sign" || job.state !== "running") return;
      const step = job.steps.find((s) => s.state === "running");
      if (step) message.textContent = job.title + " — " + step.name + (step.name === "Saisie du code PIN"
        ? " : saisissez votre code PIN dans la fenêtre de l'assistant." : "…");
    });

    function addResult(file, format, outcome) {
      const item = make("li", "signed-file");
      item.dataset.etat = outcome.error ? "echec" : "signe";
      item.appendChild(make("p", "", "Fichier source : " + file.name));
      item.appendChild(make("p", "", "Format de signature : " + FORMATS[format]));
      if (outcome.error) {
        item.appendChild(make("p", "field__error", "Échec de la signature : " + outcome.error));
      } else {
        item.appendChild(make("p", "", "Fichier généré : " + outcome.fileName));
        const link = make("a", "btn btn--secondary", "Télécharger");
        link.appendChild(make("span", "visually-hidden", " « " + outcome.fileName + " »"));
        link.href = URL.createObjectURL(outcome.blob);
        link.download = outcome.fileName;
        item.appendChild(link);
      }
      list.appendChild(item);
      done.hidden = false;
    }

    button.addEventListener("click", async () => {
      const files = Array.from(byId("fichiers-a-signer").files);
      const filesOK = fieldError("fichiers-a-signer", files.length ? "" : "Choisissez au moins un fichier à signer.");
      const certificateOK = fieldError("certificat-signature", select.value ? "" : "Choisissez un certificat de signature.");
      if (!filesOK) { byId("fichiers-a-signer").focus(); return; }
      if (!certificateOK) { select.focus(); return; }
      const choice = byId("format-signature").value;
      const key = JSON.parse(select.value);
      signing = true;
      button.disabled = true;
      progress.hidden = false;
      list.textContent = "";
      let signed = 0;
      for (let i = 0; i < files.length; i += 1) {
        const file = files[i];
        const format = choice === "auto" ? (isPDF(file) ? "pades" : "cades") : choice;
        progress.value = Math.round((i / files.length) * 100);
        progress.textContent = progress.value + " %";
        message.textContent = "Signature du fichier " + (i + 1) + " sur " + files.length + " : « " + file.name + " »…";
        try {
          const answer = await assistant.send("sign", {
            format: format, token: key.token, key: key.key, fileName: file.name, size: file.size,
          }, [file]);
          addResult(file, format, { fileName: answer.result.fileName, blob: new Blob(answer.frames, { type: TYPES[format] }) });
          signed += 1;
        } catch (error) {
          addResult(file, format, { error: error.message });
        }
      }
      progress.value = 100;
      progress.textContent = "100 %";
      message.textContent = signed === files.length
        ? "La signature électronique des fichiers sélectionnés s'est terminée avec succès : " + signed + " fichier(s) signé(s)."
        : signed + " fichier(s) signé(s) sur " + files.length + " : voyez ci-dessous pourquoi les autres ne l'ont pas été.";
      section.dataset.etat = "termine";
      signing = false;
      button.disabled = !assistant.online;
    });
  }

  /* ---------- Vérifier une signature ---------- */

  const VERDICTS = {
    VALID: ["Valide", "badge--success",
      "La signature est intacte et le certificat du signataire, reconnu, était valide au moment de la signature."],
    INVALID: ["Invalide", "badge--danger",
      "Le document ou la signature a été modifié, ou le certificat était révoqué ou expiré : ne vous fiez pas à ce document."],
    INDETERMINATE: ["Indéterminée", "badge--warning",
      "La signature est intacte, mais la validité du certificat n'a pas pu être établie (autorité de certification non reconnue, révocation inconnue)."],
  };

  function renderReports(fileName, reports, by) {
    const box = byId("rapport-verification");
    box.querySelector('[data-part="entete"]').textContent = "« " + fileName + " », vérifié par " + by + " le "
      + new Date().toLocaleString("fr-FR", { timeZone: "Europe/Paris" }) + " : " + reports.length + " signature(s).";
    const list = box.querySelector('[data-part="signatures"]');
    list.textContent = "";
    reports.forEach((report, i) => {
      const verdict = VERDICTS[report.verdict] || [report.verdict, "badge--neutral", ""];
      const article = make("article", "signature-rapport stack");
      article.dataset.verdict = report.verdict;
      const title = make("h3", "", "Signature " + (i + 1) + " — " + (FORMATS[report.format] || report.format)
        + (report.field ? " (champ « " + report.field + " »)" : "") + " : ");
      title.appendChild(make("span", "badge " + verdict[1], "Signature " + verdict[0].toLowerCase()));
      article.appendChild(title);
      if (verdict[2]) article.appendChild(make("p", "", verdict[2]));
      const facts = make("dl", "summary");
      const fact = (term, value) => {
        if (!value) return;
        facts.appendChild(make("dt", "", term));
        facts.appendChild(make("dd", "", value));
      };
      fact("Signataire", report.signer);
      fact("Certificat émis par", report.issuer);
      fact("Numéro de série du certificat", report.serialNumber);
      fact("Date de signature (déclarée par le signataire)", parisTime(report.claimedSigningTime));
      fact("Horodatage (garanti par une autorité)", parisTime(report.timestampTime));
      if (report.signedFiles) fact("Fichiers signés", report.signedFiles.join(", ") || "aucun");
      article.appendChild(facts);
      if ((report.reasons || []).length) {
        const details = make("details");
        details.appendChild(make("summary", "", "Détails techniques"));
        const reasons = make("ul");
        report.reasons.forEach((reason) => reasons.appendChild(make("li", "", reason)));
        details.appendChild(reasons);
        article.appendChild(details);
      }
      list.appendChild(article);
    });
    box.hidden = false;
    box.focus();
  }

  function initVerification(section) {
    const button = byId("verifier");
    const message = byId("message-verification");
    const server = byId("verifier-sur-serveur");
    const limit = Number(section.dataset.limite);
    onAssistant((online) => {
      if (!online) server.checked = true;
      server.disabled = !online;
    });

    function onServer(signed, content) {
      let path = "/api/signatures/verify?fileName=" + encodeURIComponent(signed.name);
      if (content) {
        path += "&signatureSize=" + signed.size + "&contentName=" + encodeURIComponent(content.name);
      }
      return fetch(path, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/octet-stream", "X-CSRF-Token": section.dataset.csrf },
        body: content ? new Blob([signed, content]) : signed,
      }).then((response) => response.json().catch(() => ({})).then((body) => {
        if (!response.ok) throw new Error((body.error && body.error.message) || ("Refus de la plateforme (" + response.status + ")."));
        return body.reports;
      }));
    }

    function withAssistant(signed, content) {
      const params = { fileName: signed.name, size: signed.size };
      if (content) { params.contentName = content.name; params.contentSize = content.size; }
      return assistant.send("verify", params, content ? [signed, content] : [signed]).then((answer) => answer.result);
    }

    button.addEventListener("click", () => {
      const signed = byId("fichier-signe").files[0];
      const content = byId("document-signe").files[0];
      fieldError("document-signe", "");
      if (!fieldError("fichier-signe", signed ? "" : "Choisissez le fichier signé à vérifier.")) {
        byId("fichier-signe").focus();
        return;
      }
      const useServer = server.checked || assistant.online !== true;
      if (useServer && signed.size + (content ? content.size : 0) > limit) {
        fieldError("fichier-signe", "Le fichier dépasse " + section.dataset.limiteTexte + ", la taille que la plateforme "
          + "vérifie : vérifiez-le avec l'assistant Sceau installé sur votre poste.");
        byId("fichier-signe").focus();
        return;
      }
      button.disabled = true;
      byId("rapport-verification").hidden = true;
      message.textContent = useServer ? "Vérification sur le serveur de la plateforme…" : "Vérification par l'assistant…";
      (useServer ? onServer(signed, content) : withAssistant(signed, content)).then((reports) => {
        message.textContent = "";
        section.dataset.etat = "termine";
        renderReports(signed.name, reports || [], useServer ? "le serveur de la plateforme" : "l'assistant de votre poste");
      }).catch((error) => {
        message.textContent = "";
        fieldError("fichier-signe", error.message);
        byId("fichier-signe").focus();
      }).then(() => { button.disabled = false; });
    });
  }

  const configuration = byId("test-configuration");
  if (configuration) initConfigurationTest(configuration);
  const signing = byId("signature-documents");
  if (signing) initSigning(signing);
  const verification = byId("verification-signature");
  if (verification) initVerification(verification);
})();
