// Passkey glue: the one small WebAuthn module (DESIGN.md §7). The server makes every decision;
// this file only passes options to the browser and the browser's answer back.
// It has no words of its own: messages come from data-msg-* attributes rendered by the templates.
//   button[data-passkey="register"]  make a passkey (invitation, or "add a passkey")
//   button[data-passkey="sign-in"]   sign in; an input with autocomplete="username webauthn"
//                                    also gets passkey autofill (conditional UI) where supported
//   form[data-step-up]               a fresh passkey check before the form is sent
// The buttons are rendered disabled and enabled here once they work, so an early tap is never lost.
(() => {
  "use strict";

  class ServerError extends Error {}

  const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content || "";

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body || {}),
    });
    let data = {};
    try { data = await response.json(); } catch (_) { /* not JSON: fall back to the generic message */ }
    if (!response.ok) throw new ServerError(data.error || "");
    return data;
  }

  // base64url <-> ArrayBuffer, for browsers without parse*OptionsFromJSON / toJSON.
  const toBuffer = (text) => {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
  };
  const toBase64url = (buffer) =>
    btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const withIds = (list) => (list || []).map((c) => ({ ...c, id: toBuffer(c.id) }));

  function creationOptions(json) {
    if (PublicKeyCredential.parseCreationOptionsFromJSON) return PublicKeyCredential.parseCreationOptionsFromJSON(json);
    return { ...json, challenge: toBuffer(json.challenge), user: { ...json.user, id: toBuffer(json.user.id) },
      excludeCredentials: withIds(json.excludeCredentials) };
  }

  function requestOptions(json) {
    if (PublicKeyCredential.parseRequestOptionsFromJSON) return PublicKeyCredential.parseRequestOptionsFromJSON(json);
    return { ...json, challenge: toBuffer(json.challenge), allowCredentials: withIds(json.allowCredentials) };
  }

  function credentialJSON(credential) {
    if (typeof credential.toJSON === "function") return credential.toJSON();
    const r = credential.response;
    const response = { clientDataJSON: toBase64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toBase64url(r.attestationObject);
      response.transports = typeof r.getTransports === "function" ? r.getTransports() : [];
    } else {
      response.authenticatorData = toBase64url(r.authenticatorData);
      response.signature = toBase64url(r.signature);
      response.userHandle = r.userHandle ? toBase64url(r.userHandle) : null;
    }
    return { id: credential.id, rawId: toBase64url(credential.rawId), type: credential.type, response,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults() };
  }

  function statusFor(element) {
    let status = document.getElementById("passkey-status");
    if (!status) {
      status = document.createElement("p");
      status.id = "passkey-status";
      status.className = "passkey-status";
      status.setAttribute("role", "status");
      element.after(status);
    }
    return status;
  }

  function say(element, text, isError) {
    const status = statusFor(element);
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  }

  function explain(element, error) {
    const msg = element.dataset;
    if (error instanceof ServerError && error.message) return say(element, error.message, true);
    if (error && error.name === "NotAllowedError") return say(element, msg.msgCancelled, true);
    if (error && error.name === "InvalidStateError") return say(element, msg.msgExists, true);
    return say(element, msg.msgFailed, true);
  }

  const supported = () => Boolean(window.PublicKeyCredential && navigator.credentials);

  async function stepUp(urls, purpose, payloadHash) {
    const options = await post(urls.options, { purpose, payload_hash: payloadHash || "" });
    const credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
    await post(urls.verify, credentialJSON(credential));
  }

  async function register(button) {
    const d = button.dataset;
    if (d.stepUpFirst) await stepUp({ options: d.stepUpOptionsUrl, verify: d.stepUpVerifyUrl }, d.stepUpFirst, "");
    const options = await post(d.optionsUrl, { for: d.for });
    const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
    const result = await post(d.verifyUrl, credentialJSON(credential));
    window.location.assign(result.redirect);
  }

  let autofill = null; // the pending conditional (autofill) request, aborted when the button is used

  async function signIn(button, mediation) {
    const d = button.dataset;
    const options = await post(d.optionsUrl);
    const request = { publicKey: requestOptions(options) };
    if (mediation) {
      autofill = new AbortController();
      Object.assign(request, { mediation, signal: autofill.signal });
    }
    const credential = await navigator.credentials.get(request);
    const result = await post(d.verifyUrl, credentialJSON(credential));
    window.location.assign(result.redirect);
  }

  function run(element, ceremony) {
    if (!supported()) return say(element, element.dataset.msgUnsupported, true);
    element.setAttribute("aria-busy", "true");
    say(element, element.dataset.msgWorking, false);
    return ceremony().catch((error) => explain(element, error)).finally(() => element.removeAttribute("aria-busy"));
  }

  async function startAutofill(button) {
    if (!supported() || !PublicKeyCredential.isConditionalMediationAvailable) return;
    if (!(await PublicKeyCredential.isConditionalMediationAvailable())) return;
    signIn(button, "conditional").catch((error) => {
      if (error && error.name !== "AbortError") explain(button, error);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll('button[data-passkey="register"]').forEach((button) => {
      button.addEventListener("click", () => run(button, () => register(button)));
      button.disabled = false;
    });

    document.querySelectorAll('button[data-passkey="sign-in"]').forEach((button) => {
      button.addEventListener("click", () => {
        if (autofill) autofill.abort();
        run(button, () => signIn(button, null));
      });
      button.disabled = false;
      if (document.querySelector('input[autocomplete~="webauthn"]')) startAutofill(button);
    });

    document.querySelectorAll("form[data-step-up]").forEach((form) => {
      form.addEventListener("submit", (event) => {
        if (form.dataset.stepUpDone) return;
        event.preventDefault();
        const d = form.dataset;
        run(form, async () => {
          await stepUp({ options: d.stepUpOptionsUrl, verify: d.stepUpVerifyUrl }, d.stepUp, d.payloadHash);
          form.dataset.stepUpDone = "1";
          form.requestSubmit(event.submitter);
        });
      });
    });
  });
})();
