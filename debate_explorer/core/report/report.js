// Hover tooltips for the charts (optional: every chart element also has an SVG <title>).
(function () {
  var tip = document.getElementById("tip");
  if (!tip) { return; }
  document.querySelectorAll("svg.chart path, svg.chart rect.bar").forEach(function (el) {
    var t = el.querySelector("title");
    if (!t) { return; }
    el.addEventListener("mousemove", function (ev) {
      tip.textContent = t.textContent;
      tip.style.left = (ev.clientX + 12) + "px";
      tip.style.top = (ev.clientY + 12) + "px";
      tip.style.display = "block";
      el.classList.add("hover");
    });
    el.addEventListener("mouseleave", function () { tip.style.display = "none"; el.classList.remove("hover"); });
  });
})();
