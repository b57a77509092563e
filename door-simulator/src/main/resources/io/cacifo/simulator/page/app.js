// The locker page: draws the doors from GET /ui/state every second and plays the touchscreen,
// whose idle text comes from GET /ui/status (screen-io's status: "Locker is starting" until the
// locker has started, then the prompt). It talks only to its own origin. Text from the server is
// set with textContent, never as HTML.
'use strict';

(function () {
  var SIZES = ['SMALL', 'MEDIUM', 'LARGE', 'EXTRA_LARGE'];
  var POLL_MS = 1000;
  var MAX_CODE_DIGITS = 32;
  var STARTING_TEXT = 'Locker is starting';
  var UNAVAILABLE_TEXT = 'Locker temporarily unavailable';
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

  var groups = {};   // size -> .column element
  var cells = {};    // door id -> .door element
  var code = '';
  var busy = false;
  // What the screen shows while nobody is typing: starting until screen-io first says ready.
  var idleText = STARTING_TEXT;
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

    var toggle = document.createElement('label');
    toggle.className = 'parcel-toggle';
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.className = 'parcel';
    box.dataset.parcel = String(door.id);
    toggle.appendChild(box);
    toggle.appendChild(document.createTextNode('parcel'));
    toggle.addEventListener('click', function (event) { event.stopPropagation(); });
    box.addEventListener('change', function () { setOccupied(door.id, box.checked); });

    el.appendChild(number);
    el.appendChild(position);
    el.appendChild(state);
    el.appendChild(toggle);
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
    el.title = door.open ? 'Door ' + door.id + ' is open: click to close it' : 'Door ' + door.id + ' is locked';
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
    return fetch('/ui/status', { cache: 'no-store' })
      .then(readJson, function () { return {}; })
      .then(function (status) {
        if (status.ready === true) {
          wasReady = true;
        }
        idleText = typeof status.display === 'string' && status.display
          ? status.display
          : (wasReady ? UNAVAILABLE_TEXT : STARTING_TEXT);
        if (showingIdle) {
          showIdle();
        }
      });
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
    show('Checking…');
    post('/ui/code', { code: typed })
      .then(function (response) {
        return readJson(response).then(function (body) {
          show(body.display || body.message || 'Error (HTTP ' + response.status + ')', response.status);
        });
      }, function () {
        show(UNAVAILABLE_TEXT, 503);
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
      press(button.dataset.key);
    }
  });

  document.addEventListener('keydown', function (event) {
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
  keypadEl.dataset.busy = 'false';
  showIdle();
  poll();
  pollStatus();
})();
