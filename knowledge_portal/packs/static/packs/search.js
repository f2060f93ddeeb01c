/* Search over the plants of an offline pack, by any of their names.
 *
 * search-index.js (packs/search_index.py) sets window.chakraPackSearch: each
 * plant's names with the forms the site's search gives them, computed in
 * Python by the site's own functions, and the folding rules as data
 * (search/analysis.py, folding_rules). This script only folds the query, with
 * that data, in the order analysis.py applies it:
 *
 *   fold        NFC, lower case, accents removed (analysis.fold)
 *   Kichwa key  digraphs kept, consonant rules, loanword letters, o>u e>i
 *   Shuar key   digraphs kept, consonant rules, loanword letters, long vowels
 *   group       the equivalence of the folded word or either key
 *   typo keys   the folded word and the word minus each letter
 *
 * Spanish stems are not computed here: the names carry the forms the stemmer
 * joins to them (analysis.same_stem_forms). Plants are ranked as the site
 * ranks pages: all words, else any word, else one typo away.
 * Nothing is fetched: the pack makes no request. Without JavaScript the
 * contents page lists the plants.
 */
(function () {
  "use strict";

  var index = window.chakraPackSearch;
  if (!index) {
    return;
  }
  var rules = index.rules;
  var weights = rules.weights;
  var prefixes = rules.prefixes;
  var consonants = rules.consonants.map(function (rule) {
    return [new RegExp(rule[0], "gu"), rule[1]];
  });
  var longVowel = new RegExp(rules.long_vowel, "gu");
  var stopwords = new Set(rules.spanish_stopwords);
  var WORD = /[\p{L}\p{N}\p{M}_]+/gu;
  var MARK = /\p{M}/gu;

  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(MARK, "").normalize("NFC");
  }

  function translate(word, table) {
    return Array.from(word, function (letter) {
      return Object.prototype.hasOwnProperty.call(table, letter) ? table[letter] : letter;
    }).join("");
  }

  function foldConsonants(word) {
    rules.digraphs.forEach(function (pair) {
      word = word.split(pair[0]).join(pair[1]);
    });
    consonants.forEach(function (rule) {
      word = word.replace(rule[0], rule[1]);
    });
    return translate(word, rules.loanword_letters);
  }

  function restoreDigraphs(word) {
    rules.digraphs.forEach(function (pair) {
      word = word.split(pair[1]).join(pair[0]);
    });
    return word;
  }

  function kichwaKey(word) {
    return restoreDigraphs(translate(foldConsonants(fold(word)), rules.kichwa_vowels));
  }

  function shuarKey(word) {
    return restoreDigraphs(foldConsonants(fold(word)).replace(longVowel, "$1"));
  }

  function typoKeys(word) {
    var letters = Array.from(fold(word));
    if (letters.length < rules.typo_index_min_length) {
      return [];
    }
    var keys = [letters.join("")];
    letters.forEach(function (_letter, position) {
      keys.push(letters.slice(0, position).concat(letters.slice(position + 1)).join(""));
    });
    return Array.from(new Set(keys));
  }

  /* The forms of one query word, read in Spanish, Kichwa and Shuar at once
     (as the site reads a query), with their weights. */
  function wordForms(word) {
    var folded = fold(word);
    var kichwa = kichwaKey(word);
    var shuar = shuarKey(word);
    var terms = {};
    terms[folded] = weights.folded;
    terms[prefixes.kichwa + kichwa] = weights.key;
    terms[prefixes.shuar + shuar] = weights.key;
    var group = [folded, kichwa, shuar]
      .map(function (form) {
        return rules.equivalences[form];
      })
      .find(Boolean);
    if (group) {
      terms[prefixes.equivalence + group] = weights.equivalence;
    }
    return {
      folded: folded,
      terms: terms,
      typos: Array.from(folded).length >= rules.typo_min_length ? typoKeys(word) : [],
    };
  }

  /* The words of a query; Spanish function words dropped unless nothing
     else remains. */
  function queryWords(text) {
    var words = (text.normalize("NFC").match(WORD) || []).map(wordForms);
    var content = words.filter(function (word) {
      return !stopwords.has(word.folded);
    });
    return content.length ? content : words;
  }

  function meets(word, nameWord, typos) {
    var best = 0;
    Object.keys(word.terms).forEach(function (term) {
      if (Object.prototype.hasOwnProperty.call(nameWord.terms, term)) {
        best = Math.max(best, Math.min(word.terms[term], nameWord.terms[term]));
      }
    });
    if (typos && !best) {
      var keys = new Set(nameWord.typos);
      if (word.typos.some(function (key) { return keys.has(key); })) {
        best = weights.typo;
      }
    }
    return best;
  }

  /* How well a plant's names meet the query words: the best weight of each
     word, and the name they cover most of (so "Theobroma cacao" outranks
     "Theobroma bicolor" for "theobroma cacau"). */
  function score(plant, words, mode) {
    var typos = mode === "typo";
    var total = 0;
    var met = 0;
    var best = { weight: 0, cover: -1, name: null };
    words.forEach(function (word) {
      var weight = 0;
      plant.names.forEach(function (name) {
        name.words.forEach(function (nameWord) {
          weight = Math.max(weight, meets(word, nameWord, typos));
        });
      });
      total += weight;
      met += weight > 0 ? 1 : 0;
    });
    if (!met || (mode === "all" && met < words.length)) {
      return null;
    }
    plant.names.forEach(function (name) {
      var weight = 0;
      words.forEach(function (word) {
        weight += Math.max.apply(
          null,
          [0].concat(
            name.words.map(function (nameWord) {
              return meets(word, nameWord, typos);
            })
          )
        );
      });
      var covered = name.words.filter(function (nameWord) {
        return words.some(function (word) {
          return meets(word, nameWord, typos) > 0;
        });
      }).length;
      var cover = name.words.length ? covered / name.words.length : 0;
      // The name that meets the query best, then covers most of itself.
      if (weight + 0.1 * cover > best.weight + 0.1 * best.cover) {
        best = { weight: weight, cover: cover, name: name };
      }
    });
    return { plant: plant, score: total + 0.1 * best.cover, name: best.name };
  }

  /* The plants that match ``text``, best first. */
  function search(text, language) {
    var words = queryWords(text);
    if (!words.length) {
      return [];
    }
    var modes = ["all", "any", "typo"];
    for (var i = 0; i < modes.length; i += 1) {
      var found = index.plants
        .map(function (plant) {
          return score(plant, words, modes[i]);
        })
        .filter(Boolean);
      if (found.length) {
        return found.sort(function (a, b) {
          return b.score - a.score || title(a.plant, language).localeCompare(title(b.plant, language));
        });
      }
    }
    return [];
  }

  function shown(plant, language) {
    return plant.pages[language] || plant.pages[Object.keys(plant.pages)[0]];
  }

  function title(plant, language) {
    return shown(plant, language).title;
  }

  window.chakraPackSearch.fold = {
    fold: fold,
    kichwaKey: kichwaKey,
    shuarKey: shuarKey,
    typoKeys: typoKeys,
    wordForms: wordForms,
  };
  window.chakraPackSearch.search = search;

  // Nothing more outside a page (the tests run the folding in Node).
  var box = typeof document === "undefined" ? null : document.getElementById("pack-search");
  if (!box) {
    return;
  }
  var root = box.getAttribute("data-root") || "";
  var language = box.getAttribute("data-language");
  var form = box.querySelector("form");
  var input = box.querySelector("input");
  var list = box.querySelector("ol");
  var none = box.querySelector(".pack-search-none");

  function show() {
    var text = input.value.trim();
    list.textContent = "";
    if (!text) {
      list.hidden = true;
      none.hidden = true;
      return;
    }
    var found = search(text, language);
    found.forEach(function (result) {
      var page = shown(result.plant, language);
      var item = document.createElement("li");
      item.className = "card";
      var link = document.createElement("a");
      link.href = root + page.path;
      link.textContent = page.title;
      if (page.lang !== language) {
        link.lang = page.lang;
      }
      item.appendChild(link);
      // The name she was found by, when it is not the title she sees.
      if (result.name && fold(result.name.text) !== fold(page.title)) {
        var name = document.createElement("span");
        name.className = "pack-search-name";
        name.textContent = result.name.text;
        if (result.name.lang && result.name.lang !== language) {
          name.lang = result.name.lang;
        }
        item.appendChild(document.createTextNode(" · "));
        item.appendChild(name);
      }
      list.appendChild(item);
    });
    list.hidden = !found.length;
    none.hidden = found.length > 0;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show();
  });
  input.addEventListener("input", show);
  box.hidden = false;
})();
