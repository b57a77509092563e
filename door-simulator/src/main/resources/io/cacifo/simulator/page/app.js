// The locker page: draws the doors from GET /ui/state every second and plays the touchscreen,
// whose idle text comes from GET /ui/status (screen-io's status: "Locker is starting" until the
// locker has started, then the prompt). The screen speaks Portuguese (screen-io's default) or
// English: the PT/EN toggle sends lang with every code and status, and is remembered by this page
// only. A door the board opened with a signal (its "signals" count grew) flashes and a short tone
// plays, so a person who cannot read the screen finds it. Each door has a "jammed" box (the
// simulator's POST /ui/doors/{n}/jammed); both need the simulator's "jammed" and "signals" fields
// in /ui/state and are left out when it has none. It talks only to its own origin. Text from the
// server is set with textContent, never as HTML.
'use strict';

(function () {
  var SIZES = ['SMALL', 'MEDIUM', 'LARGE', 'EXTRA_LARGE'];
  var POLL_MS = 1000;
  var MAX_CODE_DIGITS = 32;
  // The page's own screen texts: what the simulator says when screen-io does not answer
  // (screen-io's locker.starting and locker.unavailable), the wait, and the keypad's two words.
  var SCREEN_TEXT = {
    pt: { starting: 'O cacifo está a iniciar', unavailable: 'Cacifo temporariamente indisponível',
          checking: 'A verificar…', error: 'Erro', clear: 'Limpar', enter: 'OK' },
    en: { starting: 'Locker is starting', unavailable: 'Locker temporarily unavailable',
          checking: 'Checking…', error: 'Error', clear: 'Clear', enter: 'Enter' }
  };
  var LANG_KEY = 'cacifo.screen.lang';
  var TONE_HZ = 880;
  var TONE_SECONDS = 0.25;
  var STATES_NOTE = {
    DOOR_MANAGER: '',
    NO_KEY: 'No internal-hmac-key: door-manager states are UNKNOWN.',
    UNAVAILABLE: 'door-manager cannot be reached: door states are UNKNOWN.'
  };

  var doorsEl = document.getElementById('doors');
  var noteEl = document.getElementById('board-note');
  var connectionEl = document.getElementById('connection');
  var displayEl = document.getElementById('display');
  var entryEl = document.getElementById('entry');
  var keypadEl = document.getElementById('keypad');
  var langEl = document.getElementById('lang');

  var groups = {};   // size -> .column element
  var cells = {};    // door id -> .door element
  var signals = {};  // door id -> the board's count of signalled openings last drawn
  var code = '';
  var busy = false;
  var lang = storedLang();
  var audio = null;  // the WebAudio context, made on the first key press (browsers allow sound only then)
  // What the screen shows while nobody is typing: starting until screen-io first says ready.
  var idleText = SCREEN_TEXT[lang].starting;
  var wasReady = false;
  var showingIdle = true;

  // ---- talking to the simulator ------------------------------------------------------------

  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body || {})
    });
  }

  function readJson(response) {
    return response.json().catch(function () { return {}; });
  }

  // ---- the doors ----------------------------------------------------------------------------

  function group(size) {
    if (!groups[size]) {
      var section = document.createElement('div');
      section.className = 'size-group';
      section.dataset.size = size;
      var title = document.createElement('h2');
      title.textContent = size.replace('_', ' ');
      var column = document.createElement('div');
      column.className = 'column';
      section.appendChild(title);
      section.appendChild(column);
      // Keep the groups in size order whatever order the doors come in.
      var next = null;
      for (var i = SIZES.indexOf(size) + 1; i < SIZES.length && !next; i++) {
        next = doorsEl.querySelector('.size-group[data-size="' + SIZES[i] + '"]');
      }
      doorsEl.insertBefore(section, next);
      groups[size] = column;
    }
    return groups[size];
  }

  function cell(door) {
    var el = cells[door.id];
    if (el) {
      return el;
    }
    el = document.createElement('div');
    el.className = 'door size-' + String(door.size).toLowerCase();
    el.dataset.door = String(door.id);
    el.dataset.size = door.size;
    el.setAttribute('role', 'button');
    el.tabIndex = 0;

    var number = document.createElement('span');
    number.className = 'number';
    number.textContent = String(door.id);
    var position = document.createElement('span');
    position.className = 'position';
    var state = document.createElement('span');
    state.className = 'state';

    var toggle = doorBox('parcel', door.id, function (box) { setOccupied(door.id, box.checked); });
    var jam = doorBox('jammed', door.id, function (box) { setJammed(door.id, box); });
    jam.title = 'A jammed door does not open: the lock board reports the fault';

    el.appendChild(number);
    el.appendChild(position);
    el.appendChild(state);
    el.appendChild(toggle);
    el.appendChild(jam);
    el.addEventListener('animationend', function () { el.classList.remove('signal'); });
    el.addEventListener('click', function () { closeDoor(door.id); });
    el.addEventListener('keydown', function (event) {
      if (event.key === ' ' || event.key === 'Enter') {
        event.preventDefault();
        event.stopPropagation();
        closeDoor(door.id);
      }
    });
    group(door.size).appendChild(el);
    cells[door.id] = el;
    return el;
  }

  // A labelled checkbox on a door (input.NAME[data-NAME=id] in label.NAME-toggle); its clicks stay
  // off the door, which closes on a click.
  function doorBox(name, id, onChange) {
    var label = document.createElement('label');
    label.className = name + '-toggle';
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.className = name;
    box.dataset[name] = String(id);
    label.appendChild(box);
    label.appendChild(document.createTextNode(name));
    label.addEventListener('click', function (event) { event.stopPropagation(); });
    box.addEventListener('change', function () { onChange(box); });
    return label;
  }

  function drawDoor(door) {
    var el = cell(door);
    el.dataset.open = String(door.open);
    el.dataset.occupied = String(door.occupied);
    el.dataset.state = door.state;
    el.querySelector('.position').textContent =
        (door.open ? 'open' : 'closed') + ' · ' + (door.occupied ? 'parcel' : 'empty');
    el.querySelector('.state').textContent = door.state === 'OUT_OF_SERVICE' ? 'OUT OF SERVICE' : door.state;
    var box = el.querySelector('input.parcel');
    if (document.activeElement !== box) {
      box.checked = door.occupied;
    }
    // A simulator without the jammed doors feature sends no "jammed": the box stays hidden.
    var jammedKnown = typeof door.jammed === 'boolean';
    el.dataset.jammed = jammedKnown ? String(door.jammed) : '';
    var jamBox = el.querySelector('input.jammed');
    if (jammedKnown && document.activeElement !== jamBox) {
      jamBox.checked = door.jammed;
    }
    el.title = door.open ? 'Door ' + door.id + ' is open: click to close it' : 'Door ' + door.id + ' is locked';
    if (typeof door.signals === 'number') {
      // The first drawing only learns the count; each opening signalled after it flashes once.
      if (signals[door.id] !== undefined && door.signals > signals[door.id]) {
        signal(el);
      }
      signals[door.id] = door.signals;
    }
  }

  function signal(el) {
    el.classList.remove('signal');
    void el.offsetWidth; // restart the animation when a second signal comes while the first still runs
    el.classList.add('signal');
    el.dataset.signalled = String(Number(el.dataset.signalled || '0') + 1);
    tone();
  }

  // A short beep made in the page (no sound file: the page loads nothing from elsewhere).
  function tone() {
    if (!audio || audio.state !== 'running') {
      return;
    }
    var oscillator = audio.createOscillator();
    var gain = audio.createGain();
    var now = audio.currentTime;
    oscillator.type = 'sine';
    oscillator.frequency.value = TONE_HZ;
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.3, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + TONE_SECONDS);
    oscillator.connect(gain);
    gain.connect(audio.destination);
    oscillator.start(now);
    oscillator.stop(now + TONE_SECONDS);
  }

  function unlockAudio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) {
      return;
    }
    if (!audio) {
      audio = new Context();
    }
    if (audio.state === 'suspended') {
      audio.resume();
    }
  }

  function draw(state) {
    state.doors.forEach(drawDoor);
    var note = STATES_NOTE[state.states_from] || '';
    if (state.auto_close_ms > 0) {
      note += (note ? ' ' : '') + 'Benchmark mode: doors close by themselves after ' + state.auto_close_ms + ' ms.';
    }
    noteEl.textContent = note;
  }

  function connected(ok) {
    connectionEl.dataset.connected = String(ok);
    connectionEl.textContent = ok ? 'live' : 'simulator not reachable: retrying';
  }

  function refresh() {
    return fetch('/ui/state', { cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (state) { draw(state); connected(true); })
      .catch(function () { connected(false); });
  }

  function poll() {
    refresh().then(function () { setTimeout(poll, POLL_MS); });
  }

  function closeDoor(id) {
    var el = cells[id];
    if (!el || el.dataset.open !== 'true') {
      return;
    }
    post('/ui/doors/' + encodeURIComponent(id) + '/close').then(refresh, function () { connected(false); });
  }

  function setOccupied(id, occupied) {
    post('/ui/doors/' + encodeURIComponent(id) + '/occupied', { occupied: occupied })
      .then(refresh, function () { connected(false); });
  }

  // Refused (or a simulator without the route): the box goes back to what the board says.
  function setJammed(id, box) {
    post('/ui/doors/' + encodeURIComponent(id) + '/jammed', { jammed: box.checked })
      .then(function (response) {
        if (!response.ok) {
          box.checked = !box.checked;
        }
        return refresh();
      }, function () { box.checked = !box.checked; connected(false); });
  }

  // ---- the touchscreen ----------------------------------------------------------------------

  function show(text, status) {
    displayEl.textContent = text;
    displayEl.dataset.status = status ? String(status) : '';
    showingIdle = false;
  }

  function showIdle() {
    show(idleText);
    showingIdle = true;
  }

  // Only the simulator's own JSON is shown: it never passes on a gateway's text. The simulator
  // itself not answering is shown like screen-io not answering.
  function readStatus() {
    var asked = lang;
    return fetch('/ui/status?lang=' + encodeURIComponent(asked), { cache: 'no-store' })
      .then(readJson, function () { return {}; })
      .then(function (status) {
        if (asked !== lang) {
          return; // the toggle changed the language meanwhile; its own status call answers
        }
        if (status.ready === true) {
          wasReady = true;
        }
        idleText = typeof status.display === 'string' && status.display
          ? status.display
          : (wasReady ? SCREEN_TEXT[lang].unavailable : SCREEN_TEXT[lang].starting);
        if (showingIdle) {
          showIdle();
        }
      });
  }

  // ---- the screen's language ------------------------------------------------------------------

  function storedLang() {
    try {
      var stored = window.localStorage.getItem(LANG_KEY);
      return SCREEN_TEXT[stored] ? stored : 'pt';
    } catch (e) {
      return 'pt'; // storage refused (a private window): the page still works, in Portuguese
    }
  }

  function setLang(next) {
    if (!SCREEN_TEXT[next]) {
      return;
    }
    lang = next;
    try {
      window.localStorage.setItem(LANG_KEY, next);
    } catch (e) {
      // kept for this page's life only
    }
    drawLang();
    if (!busy && code.length === 0) {
      showingIdle = true; // a language chosen starts afresh: the prompt in that language replaces the last answer
    }
    readStatus();
  }

  function drawLang() {
    document.getElementById('screen').setAttribute('lang', lang);
    langEl.querySelectorAll('button[data-lang]').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
    });
    keypadEl.querySelector('button[data-key="clear"]').textContent = SCREEN_TEXT[lang].clear;
    keypadEl.querySelector('button[data-key="enter"]').textContent = SCREEN_TEXT[lang].enter;
  }

  function pollStatus() {
    readStatus().then(function () { setTimeout(pollStatus, POLL_MS); });
  }

  function drawEntry() {
    // Codes are secrets: the screen shows one dot per digit, as a real locker does.
    entryEl.textContent = new Array(code.length + 1).join('\u2022');
    entryEl.dataset.length = String(code.length);
  }

  function press(key) {
    if (busy) {
      return;
    }
    if (/^[0-9]$/.test(key)) {
      if (code.length === 0) {
        showIdle();
      }
      if (code.length < MAX_CODE_DIGITS) {
        code += key;
      }
    } else if (key === 'clear') {
      code = '';
      showIdle();
    } else if (key === 'back') {
      code = code.slice(0, -1);
    } else if (key === 'enter') {
      submit();
      return;
    }
    drawEntry();
  }

  function submit() {
    if (code.length === 0) {
      showIdle();
      return;
    }
    var typed = code;
    code = '';
    drawEntry();
    busy = true;
    keypadEl.dataset.busy = 'true';
    show(SCREEN_TEXT[lang].checking);
    post('/ui/code', { code: typed, lang: lang })
      .then(function (response) {
        return readJson(response).then(function (body) {
          show(body.display || body.message || SCREEN_TEXT[lang].error + ' (HTTP ' + response.status + ')', response.status);
        });
      }, function () {
        show(SCREEN_TEXT[lang].unavailable, 503);
      })
      .then(function () {
        busy = false;
        keypadEl.dataset.busy = 'false';
        refresh();
      });
  }

  keypadEl.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-key]');
    if (button) {
      unlockAudio();
      press(button.dataset.key);
    }
  });

  langEl.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-lang]');
    if (button) {
      unlockAudio();
      setLang(button.dataset.lang);
    }
  });

  document.addEventListener('pointerdown', unlockAudio);

  document.addEventListener('keydown', function (event) {
    unlockAudio();
    if (event.target && event.target.tagName === 'INPUT') {
      return;
    }
    if (/^[0-9]$/.test(event.key)) {
      press(event.key);
    } else if (event.key === 'Enter' && !(event.target && event.target.classList.contains('door'))) {
      event.preventDefault();
      press('enter');
    } else if (event.key === 'Backspace') {
      press('back');
    } else if (event.key === 'Escape') {
      press('clear');
    }
  });

  drawEntry();
  drawLang();
  keypadEl.dataset.busy = 'false';
  showIdle();
  poll();
  pollStatus();
})();
