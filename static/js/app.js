// Small progressive enhancements. Every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // The language menu submits itself when changed; the button stays for no-JS use.
  const select = document.querySelector("form.language select");
  if (select) select.addEventListener("change", () => select.form.requestSubmit());
});
