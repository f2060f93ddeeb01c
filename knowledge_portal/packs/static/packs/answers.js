/* An offline pack's lesson page, with JavaScript: check the quiz, mark the
 * lesson done, keep both on this device (localStorage) and, in a class pack,
 * save them as a signed answers file for the teacher (packs/answers.py reads
 * it, signed by signing.js). No network request of any kind: everything
 * comes from the page and pack.js. Without JavaScript the page works as it
 * is (answers to open). */
(function () {
  "use strict";

  var FORMAT = "chakra-portal-answers";
  var FORMAT_VERSION = 1;
  var pack = window.chakraPack || { id: "unknown", "class": null, learners: [] };
  var article = document.querySelector("article[data-lesson]");
  if (!article) {
    return;
  }
  var lesson = article.getAttribute("data-lesson");
  var storageKey = "chakra-pack:" + pack.id;
  var memory = null; // where the state lives when localStorage is refused

  // -- what is kept on the device ------------------------------------------

  function load() {
    var raw = null;
    try {
      raw = window.localStorage.getItem(storageKey);
    } catch (error) {
      raw = memory;
    }
    var state = null;
    try {
      state = raw ? JSON.parse(raw) : null;
    } catch (error) {
      state = null;
    }
    if (!state || typeof state !== "object" || typeof state.people !== "object") {
      state = { learner: "", people: {} };
    }
    return state;
  }

  function store(state) {
    var raw = JSON.stringify(state);
    memory = raw;
    try {
      window.localStorage.setItem(storageKey, raw);
    } catch (error) {
      // Private mode or a sandboxed frame: kept while the page is open.
    }
  }

  function person(state) {
    var id = state.learner || "";
    if (!state.people[id]) {
      state.people[id] = { entries: [], answers: {}, done: {} };
    }
    return state.people[id];
  }

  function randomId() {
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < bytes.length; i++) {
        bytes[i] = Math.floor(Math.random() * 256);
      }
    }
    var hex = "";
    for (var j = 0; j < bytes.length; j++) {
      hex += (bytes[j] < 16 ? "0" : "") + bytes[j].toString(16);
    }
    return hex;
  }

  // -- texts, in the page's language ------------------------------------------

  function text(name, values) {
    var template = document.getElementById("pack-texts");
    var source = template && template.content.querySelector('[data-text="' + name + '"]');
    var node = source ? source.cloneNode(true) : document.createElement("span");
    node.removeAttribute("data-text");
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT, null);
    var current;
    while ((current = walker.nextNode())) {
      for (var key in values || {}) {
        current.nodeValue = current.nodeValue.split("{" + key + "}").join(values[key]);
      }
    }
    return node;
  }

  function say(element, node) {
    element.textContent = "";
    element.appendChild(node);
    element.hidden = false;
  }

  // -- the quiz ---------------------------------------------------------------

  var questions = Array.prototype.slice.call(
    document.querySelectorAll("#quiz fieldset.question")
  );

  function questionId(fieldset) {
    var input = fieldset.querySelector("input[type=radio]");
    return input ? input.name.replace(/^q-/, "") : null;
  }

  function chosenAnswers() {
    var chosen = {};
    questions.forEach(function (fieldset) {
      var input = fieldset.querySelector("input[type=radio]:checked");
      if (input) {
        chosen[questionId(fieldset)] = parseInt(input.value, 10);
      }
    });
    return chosen;
  }

  function showFeedback(chosen) {
    var right = 0;
    questions.forEach(function (fieldset) {
      var feedback = fieldset.querySelector("p.feedback");
      var index = chosen[questionId(fieldset)];
      var item = index === undefined ? null : fieldset.querySelector(
        'details.answers li[data-answer="' + index + '"]'
      );
      if (!item) {
        feedback.hidden = true;
        return;
      }
      var correct = item.classList.contains("right");
      right += correct ? 1 : 0;
      feedback.className = "feedback " + (correct ? "right" : "wrong");
      feedback.textContent = "";
      Array.prototype.forEach.call(item.childNodes, function (child) {
        feedback.appendChild(child.cloneNode(true));
      });
      feedback.hidden = false;
    });
    return right;
  }

  function restore(state) {
    var mine = person(state);
    var chosen = mine.answers[lesson] || {};
    questions.forEach(function (fieldset) {
      var index = chosen[questionId(fieldset)];
      Array.prototype.forEach.call(
        fieldset.querySelectorAll("input[type=radio]"),
        function (input) {
          input.checked = index !== undefined && parseInt(input.value, 10) === index;
        }
      );
    });
    // Hides the feedback of whoever chose her name before, if she has none.
    var right = showFeedback(chosen);
    var score = document.querySelector("#quiz p.score");
    if (score && Object.keys(chosen).length) {
      say(score, text("score", { correct: right, total: questions.length }));
    } else if (score) {
      score.hidden = true;
    }
    var done = document.getElementById("done");
    if (done) {
      var finished = Boolean(mine.done[lesson]);
      document.getElementById("mark-done").hidden = finished;
      done.querySelector("p.notice").hidden = !finished;
    }
  }

  var check = document.getElementById("check-answers");
  if (check) {
    check.addEventListener("click", function () {
      var score = document.querySelector("#quiz p.score");
      var chosen = chosenAnswers();
      if (!Object.keys(chosen).length) {
        say(score, text("choose"));
        return;
      }
      var right = showFeedback(chosen);
      say(score, text("score", { correct: right, total: questions.length }));
      var state = load();
      var mine = person(state);
      mine.answers[lesson] = chosen;
      mine.entries.push({
        id: randomId(),
        kind: "quiz",
        lesson: lesson,
        answers: chosen,
        at: new Date().toISOString()
      });
      store(state);
    });
  }

  var markDone = document.getElementById("mark-done");
  if (markDone) {
    markDone.addEventListener("click", function () {
      var state = load();
      var mine = person(state);
      if (!mine.done[lesson]) {
        mine.done[lesson] = true;
        mine.entries.push({
          id: randomId(),
          kind: "done",
          lesson: lesson,
          at: new Date().toISOString()
        });
        store(state);
      }
      restore(state);
    });
  }

  // -- who she is, and her answers file ---------------------------------------

  var select = document.getElementById("pack-learner");
  var saveButton = document.getElementById("save-answers");

  function learnerById(id) {
    for (var i = 0; i < pack.learners.length; i++) {
      if (String(pack.learners[i].id) === String(id)) {
        return pack.learners[i];
      }
    }
    return null;
  }

  function merge(into, from) {
    into.entries = into.entries.concat(from.entries);
    for (var key in from.answers) {
      into.answers[key] = from.answers[key];
    }
    for (var done in from.done) {
      into.done[done] = true;
    }
  }

  if (select) {
    select.addEventListener("change", function () {
      var state = load();
      var before = person(state);
      state.learner = select.value;
      // What she did before saying who she is is hers.
      if (before !== person(state) && state.people[""] === before) {
        merge(person(state), before);
        delete state.people[""];
      }
      store(state);
      restore(state);
    });
  }

  function slug(name) {
    var plain = String(name).normalize ? String(name).normalize("NFD") : String(name);
    return plain.replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "learner";
  }

  if (saveButton) {
    saveButton.addEventListener("click", function () {
      var status = document.querySelector("#my-answers p.notice");
      var state = load();
      var learner = learnerById(state.learner);
      if (!learner) {
        say(status, text("who"));
        if (select) {
          select.focus();
        }
        return;
      }
      var now = new Date();
      var payload = {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        pack: pack.id,
        "class": pack["class"],
        learner: learner.id,
        learner_name: learner.name,
        saved_at: now.toISOString(),
        entries: person(state).entries
      };
      var signing = window.chakraSigning;
      signing.hmacSha256Hex(signing.fromHex(learner.key), signing.utf8(signing.canonical(payload))).then(function (signature) {
        payload.signature = signature;
        var name = "answers-" + slug(learner.name) + "-" + now.toISOString().slice(0, 10) + ".json";
        var blob = new Blob([JSON.stringify(payload, null, 1)], { type: "application/json" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = name;
        document.body.appendChild(link);
        link.click();
        document.body.removeChild(link);
        window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
        say(status, text("saved", { file: name }));
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".pack-only"), function (element) {
    element.hidden = false;
  });
  var state = load();
  if (select) {
    select.value = state.learner || "";
  }
  restore(state);
})();
