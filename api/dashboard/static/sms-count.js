// The SMS composer's live counter: characters, SMS segments and the characters that force
// UCS-2, counted as models/sms counts on the server (the alphabet comes from there, in the
// textarea's data attributes). Without JavaScript the page still works: the confirmation after
// sending shows the same numbers.
(function () {
  "use strict";
  var box = document.getElementById("message-body");
  var out = document.getElementById("message-count");
  var warn = document.getElementById("message-ucs2");
  if (!box || !out || !warn) {
    return;
  }
  var basic = new Set(Array.from(box.dataset.gsm7 || ""));
  var ext = new Set(Array.from(box.dataset.gsm7Ext || ""));
  var names = {};
  try {
    names = JSON.parse(box.dataset.charNames || "{}");
  } catch (e) {
    names = {};
  }

  // measure returns the encoding and each character's width in its units.
  function measure(text) {
    var chars = Array.from(text);
    var gsm = chars.every(function (ch) { return basic.has(ch) || ext.has(ch); });
    var widths = chars.map(function (ch) {
      if (gsm) {
        return ext.has(ch) ? 2 : 1;
      }
      return ch.length; // UTF-16 code units: 2 for a character outside the BMP
    });
    return { gsm: gsm, chars: chars, widths: widths };
  }

  // segments packs the characters greedily, never splitting a two-unit character.
  function segments(m) {
    var units = m.widths.reduce(function (a, b) { return a + b; }, 0);
    var single = m.gsm ? 160 : 70;
    var part = m.gsm ? 153 : 67;
    if (units <= single) {
      return 1;
    }
    var parts = 1;
    var used = 0;
    m.widths.forEach(function (w) {
      if (used + w > part) {
        parts++;
        used = 0;
      }
      used += w;
    });
    return parts;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] === undefined ? "" : values[k]; });
  }

  function update() {
    var m = measure(box.value);
    out.textContent = fill(out.dataset.template || "{chars} / {segments}", { chars: m.chars.length, segments: segments(m) });
    if (m.gsm) {
      warn.hidden = true;
      warn.textContent = "";
      return;
    }
    var seen = [];
    m.chars.forEach(function (ch) {
      if (!basic.has(ch) && !ext.has(ch) && seen.indexOf(ch) < 0) {
        seen.push(ch);
      }
    });
    var listed = seen.map(function (ch) { return names[ch] ? "«" + ch + "» (" + names[ch] + ")" : "«" + ch + "»"; });
    warn.textContent = fill(warn.dataset.template || "{chars}", { chars: listed.join(", ") });
    warn.hidden = false;
  }

  // The counter is live now, so the no-JavaScript hint ("shown after sending") goes.
  var after = document.getElementById("message-count-after");
  if (after) {
    after.hidden = true;
  }
  box.addEventListener("input", update);
  update();
})();
