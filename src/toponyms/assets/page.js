// The tooltips and the links between marks and dots of `toponyms annotate --format html`.
// Data is written into the tooltip as text, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("toponyms-data").textContent);
  var tip = document.getElementById("tip");
  var ROWS = [
    ["place", function (m) { return m.place_id + " (" + m.kind + ")"; }],
    ["in", function (m) { return m.parents.join(" › "); }],
    ["score", function (m) { return String(m.score); }],
    ["method", function (m) { return m.method; }],
    ["name", function (m) { return m.status; }],
    ["evidence", function (m) { return m.evidence; }],
    ["in a name", function (m) { return m.in_name ? "yes: an organisation, law or title" : ""; }],
    ["or else", function (m) { return m.alternatives.join("; "); }]
  ];

  function show(mark) {
    var mention = data[Number(mark.dataset.doc)][Number(mark.dataset.i)];
    if (!mention) { return; }
    tip.textContent = "";
    var name = document.createElement("div");
    name.className = "name";
    name.textContent = mention.name;
    tip.appendChild(name);
    var list = document.createElement("dl");
    ROWS.forEach(function (row) {
      var value = row[1](mention);
      if (!value) { return; }
      var term = document.createElement("dt");
      term.textContent = row[0];
      var detail = document.createElement("dd");
      detail.textContent = value;
      list.appendChild(term);
      list.appendChild(detail);
    });
    tip.appendChild(list);
    tip.hidden = false;
    var box = mark.getBoundingClientRect();
    tip.style.left = Math.max(4, window.scrollX + box.left) + "px";
    tip.style.top = (window.scrollY + box.bottom + 6) + "px";
    light(mark, true);
  }

  function hide(mark) {
    tip.hidden = true;
    light(mark, false);
  }

  // The mark's place: its dot on the document's map and its other marks.
  function light(element, on) {
    var section = element.closest("section");
    var place = element.getAttribute("data-place");
    section.querySelectorAll("[data-place]").forEach(function (other) {
      if (other.getAttribute("data-place") === place) { other.classList.toggle("lit", on); }
    });
  }

  document.querySelectorAll("mark.m").forEach(function (mark) {
    mark.removeAttribute("title"); // the script's tooltip replaces the plain one
    mark.addEventListener("mouseenter", function () { show(mark); });
    mark.addEventListener("mouseleave", function () { hide(mark); });
    mark.addEventListener("focus", function () { show(mark); });
    mark.addEventListener("blur", function () { hide(mark); });
  });
  document.querySelectorAll("circle.dot").forEach(function (dot) {
    dot.addEventListener("mouseenter", function () { light(dot, true); });
    dot.addEventListener("mouseleave", function () { light(dot, false); });
  });
}());
