// The date slider: the map as of a range of article dates. An edge shows while the dates it was
// first and last seen meet the range, an entity while one of its edges shows; undated edges show
// only while the range is the whole span. Play grows the range from the first date to the last.
window.geokgTimeline = function (data, ui, changed) {
  "use strict";
  var dates = [], seen = {}, edgesOf = {};
  Object.keys(data.edgeInfo).forEach(function (id) {
    var e = data.edgeInfo[id];
    [e.first, e.last].forEach(function (d) { if (d && !seen[d]) { seen[d] = true; dates.push(d); } });
    (edgesOf[e.from] = edgesOf[e.from] || []).push(id);
    (edgesOf[e.to] = edgesOf[e.to] || []).push(id);
  });
  dates.sort();
  var low = 0, high = dates.length - 1, timer = null;
  var from = document.getElementById("time-from"), to = document.getElementById("time-to");
  var play = document.getElementById("time-play"), shown = document.getElementById("time-range");

  function whole() { return dates.length < 2 || (low === 0 && high === dates.length - 1); }
  function edgeShown(id) {
    if (whole()) { return true; }
    var e = data.edgeInfo[id];
    return !!e.first && e.first <= dates[high] && (e.last || e.first) >= dates[low];
  }
  function nodeShown(id) { return whole() || (edgesOf[id] || []).some(edgeShown); }
  function bdi(text) { var b = document.createElement("bdi"); b.textContent = text; return b; }
  function set(a, b, quiet) {
    low = Math.max(0, Math.min(a, b)); high = Math.min(dates.length - 1, Math.max(a, b));
    from.value = String(low); to.value = String(high);
    while (shown.firstChild) { shown.removeChild(shown.firstChild); }
    shown.appendChild(bdi(dates[low]));
    shown.appendChild(document.createTextNode(" \u2013 "));  // each date isolated, so RTL keeps them whole
    shown.appendChild(bdi(dates[high]));
    if (!quiet) { changed(); }
  }
  function stop() {
    clearInterval(timer); timer = null;
    play.textContent = "\u25B6"; play.setAttribute("aria-label", ui.play);
  }
  function start() {
    set(0, 0);
    play.textContent = "\u275A\u275A"; play.setAttribute("aria-label", ui.pause);
    timer = setInterval(function () {
      if (high >= dates.length - 1) { stop(); return; }
      set(low, high + 1);
    }, 800);
  }
  if (dates.length >= 2) {
    from.max = to.max = String(dates.length - 1);
    set(0, dates.length - 1, true);
    from.addEventListener("input", function () { stop(); set(Number(from.value), high); });
    to.addEventListener("input", function () { stop(); set(low, Number(to.value)); });
    play.addEventListener("click", function () { if (timer) { stop(); } else { start(); } });
    document.getElementById("timeline").hidden = false;
  }
  return { dates: dates, edgeShown: edgeShown, nodeShown: nodeShown, set: set,
           range: function () { return [dates[low], dates[high]]; }, playing: function () { return !!timer; } };
};
