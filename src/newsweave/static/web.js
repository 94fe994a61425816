// newsweave web app: small enhancements; every page works without this file.
// - article page: highlight and centre the sentence named in the URL (#s<N>), also on
//   hash changes (the CSS :target rule highlights it without JavaScript too);
// - story page: show the cited sentence when hovering or focusing a citation [n].
(function () {
  "use strict";

  function highlightTarget() {
    var old = document.querySelectorAll(".sent.hl");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("hl");
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!/^s\d+$/.test(id)) return;
    var el = document.getElementById(id);
    if (!el || !el.classList.contains("sent")) return;
    var toggle = document.getElementById("show-noise");
    if (toggle) toggle.checked = false;  // the cited sentence is in the clean text
    el.classList.add("hl");
    el.scrollIntoView({ block: "center" });
  }

  function previews() {
    var data = document.getElementById("citation-previews");
    if (!data) return;
    var map;
    try { map = JSON.parse(data.textContent); } catch (e) { return; }
    var box = document.createElement("div");
    box.className = "preview";
    box.hidden = true;
    document.body.appendChild(box);
    function show(ev) {
      var a = ev.currentTarget, p = map[a.getAttribute("data-key")];
      if (!p) return;
      box.textContent = "[" + p.n + "] " + p.text;  // text, never HTML
      var r = a.getBoundingClientRect();
      box.style.left = Math.max(8, window.scrollX + r.left - 40) + "px";
      box.style.top = (window.scrollY + r.bottom + 6) + "px";
      box.hidden = false;
      a.removeAttribute("title");
      a.setAttribute("aria-describedby", "citation-preview");
    }
    function hide() { box.hidden = true; }
    box.id = "citation-preview";
    var links = document.querySelectorAll("a.cite[data-key]");
    for (var i = 0; i < links.length; i++) {
      links[i].addEventListener("mouseenter", show);
      links[i].addEventListener("focus", show);
      links[i].addEventListener("mouseleave", hide);
      links[i].addEventListener("blur", hide);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    highlightTarget();
    previews();
  });
  window.addEventListener("hashchange", highlightTarget);
})();
