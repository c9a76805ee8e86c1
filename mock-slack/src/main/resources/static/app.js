// mock-slack page: channel list, messages of the selected channel and status, live via Server-Sent
// Events (/api/stream). Plain JS, no dependencies, so it works offline from the jar.
"use strict";

(function () {
  const MAX_RENDERED = 400; // messages kept on the page; older ones stay in the API
  const NEAR_BOTTOM_PX = 160;

  const state = {
    channel: "", // "" = all channels
    status: "", // "" = any status
    rendered: new Set(), // ids on the page
    newestId: 0, // highest id read so far: a lower id from the stream is a change, not an arrival
    lastDay: null,
    channels: [],
    unread: new Set(),
  };

  const el = {
    list: document.getElementById("message-list"),
    scroller: document.getElementById("messages"),
    empty: document.getElementById("empty"),
    channels: document.getElementById("channel-list"),
    noChannels: document.getElementById("no-channels"),
    all: document.getElementById("all-channels"),
    allCount: document.getElementById("all-count"),
    title: document.getElementById("channel-title"),
    topic: document.getElementById("channel-topic"),
    statusFilter: document.getElementById("status-filter"),
    clear: document.getElementById("clear-button"),
    live: document.getElementById("live-status"),
    pipeline: document.getElementById("pipeline-status"),
    user: document.getElementById("user-name"),
    template: document.getElementById("message-template"),
  };

  // ---------- small helpers ----------

  function escapeHtml(text) {
    return String(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;");
  }

  function safeUrl(url) {
    return /^(https?:\/\/|mailto:)/i.test(url) ? url : null;
  }

  // Slack "mrkdwn": *bold*, _italic_, ~strike~, `code`, ```blocks```, <url|label>, bare URLs.
  // The text is escaped first; links and code are swapped for placeholders so the emphasis rules
  // never touch them.
  function mrkdwn(text) {
    if (!text) return "";
    const slots = [];
    const keep = (html) => "\u0000" + (slots.push(html) - 1) + "\u0000";
    let html = escapeHtml(text);
    html = html.replace(/```([\s\S]*?)```/g, (m, code) => keep("<pre>" + code.replace(/^\n/, "") + "</pre>"));
    html = html.replace(/`([^`\n]+)`/g, (m, code) => keep("<code>" + code + "</code>"));
    html = html.replace(/&lt;([^|&\s]+?)(?:\|([^&]*?))?&gt;/g, (m, url, label) => {
      const href = safeUrl(url.replace(/&amp;/g, "&"));
      if (!href) return m;
      return keep('<a href="' + escapeHtml(href) + '" target="_blank" rel="noopener">' + (label || url) + "</a>");
    });
    html = html.replace(/\bhttps?:\/\/[^\s<\u0000]+[^\s<.,;:!?)\u0000]/g, (url) =>
      keep('<a href="' + url + '" target="_blank" rel="noopener">' + url + "</a>"));
    html = html.replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,;:!?])/gm, "$1<b>$2</b>");
    html = html.replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,;:!?])/gm, "$1<i>$2</i>");
    html = html.replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,;:!?])/gm, "$1<s>$2</s>");
    return html.replace(/\u0000(\d+)\u0000/g, (m, i) => slots[Number(i)]);
  }

  function node(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function link(href, text) {
    const url = safeUrl(href || "");
    if (!url) return node("span", null, text);
    const a = node("a", null, text);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener";
    return a;
  }

  function timeOf(iso) {
    const d = new Date(iso);
    return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  function dayOf(iso) {
    const d = new Date(iso);
    const today = new Date();
    const yesterday = new Date(Date.now() - 86400000);
    if (d.toDateString() === today.toDateString()) return "Today";
    if (d.toDateString() === yesterday.toDateString()) return "Yesterday";
    return d.toLocaleDateString([], { weekday: "long", month: "long", day: "numeric" });
  }

  const BELL =
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3a6 6 0 0 0-6 6v4l-2 3.5h16L18 13V9a6 6 0 0 0-6-6z" fill="#fff"/><path d="M9.5 19a2.5 2.5 0 0 0 5 0z" fill="#fff"/></svg>';

  function severityClass(severity) {
    const s = (severity || "").toLowerCase();
    if (s === "page" || s === "critical") return "page";
    if (s === "ticket" || s === "warning") return "ticket";
    return "other";
  }

  // ---------- rendering one message ----------

  function renderMessage(m) {
    const li = el.template.content.firstElementChild.cloneNode(true);
    li.dataset.id = m.id;
    li.dataset.channel = m.channel;
    li.dataset.status = m.status;

    const avatar = li.querySelector(".avatar");
    const sender = m.username || (m.source === "webhook" ? "Alertmanager" : "Incoming Webhook");
    if (m.source === "webhook" || /alertmanager/i.test(sender) || m.status !== "info") {
      avatar.classList.add(m.source === "webhook" ? "webhook" : "alertmanager");
      avatar.innerHTML = BELL;
    } else {
      avatar.textContent = sender.replace(/[^A-Za-z0-9]/g, "").slice(0, 2).toUpperCase() || "W";
    }
    li.querySelector(".sender").textContent = sender;
    const time = li.querySelector("time");
    time.textContent = timeOf(m.receivedAt);
    time.dateTime = m.receivedAt;
    time.title = new Date(m.receivedAt).toString();
    li.querySelector(".channel-tag").textContent = state.channel ? "" : m.channel;

    const content = li.querySelector(".content");
    if (m.status !== "info" || m.alertname) content.appendChild(summaryLine(m));
    if (m.text) {
      const t = node("div", "text");
      t.innerHTML = mrkdwn(m.text);
      content.appendChild(t);
    }
    (m.blocks || []).forEach((b) => {
      const t = node("div", "text block block-" + b.type);
      t.innerHTML = b.type === "header" ? "<b>" + escapeHtml(b.text) + "</b>" : mrkdwn(b.text);
      content.appendChild(t);
    });
    (m.attachments || []).forEach((a) => content.appendChild(renderAttachment(a)));
    if (m.group) content.appendChild(renderGroup(m));
    if (m.status === "firing") content.appendChild(renderIncident(m));
    return li;
  }

  function summaryLine(m) {
    const line = node("div", "summary-line");
    const pill = node("span", "status-pill " + m.status);
    if (m.status === "firing" && m.color === "warning") pill.classList.add("warning");
    pill.textContent = m.status === "info" ? "message" : m.status + (m.status === "firing" && m.alertCount > 1 ? " · " + m.alertCount : "");
    line.appendChild(pill);
    if (m.alertname) line.appendChild(node("span", "alertname", m.alertname));
    if (m.severity) line.appendChild(node("span", "sev " + severityClass(m.severity), m.severity));
    if (m.group && m.group.receiver) line.appendChild(node("span", "group-count", "receiver " + m.group.receiver));
    return line;
  }

  function renderAttachment(a) {
    const box = node("div", "attachment");
    const bar = node("div", "bar");
    if (/^(danger|warning|good)$/.test(a.color || "")) bar.classList.add(a.color);
    else if (/^#?[0-9a-f]{3,8}$/i.test(a.color || "")) bar.style.background = a.color.startsWith("#") ? a.color : "#" + a.color;
    box.appendChild(bar);
    const inner = node("div", "inner");
    if (a.pretext) {
      const p = node("div", "pretext");
      p.innerHTML = mrkdwn(a.pretext);
      inner.appendChild(p);
    }
    if (a.title) {
      const title = node("div", "title");
      title.appendChild(a.titleLink ? link(a.titleLink, a.title) : document.createTextNode(a.title));
      inner.appendChild(title);
    }
    if (a.text) {
      const t = node("div", "att-text");
      t.innerHTML = mrkdwn(a.text.replace(/\n+$/, ""));
      inner.appendChild(t);
    } else if (!a.title && a.fallback) {
      inner.appendChild(node("div", "att-text", a.fallback));
    }
    if (a.fields && a.fields.length) {
      const fields = node("div", "fields");
      a.fields.forEach((f) => {
        const field = node("div", "field" + (f.short ? "" : " long"));
        field.appendChild(node("div", "f-title", f.title));
        const v = node("div", "f-value");
        v.innerHTML = mrkdwn(f.value);
        field.appendChild(v);
        fields.appendChild(field);
      });
      inner.appendChild(fields);
    }
    if (a.footer) inner.appendChild(node("div", "footer", a.footer));
    box.appendChild(inner);
    return box;
  }

  // The alerts of one webhook notification, together under it.
  function renderGroup(m) {
    const wrap = node("div", "attachment");
    const bar = node("div", "bar " + (m.color || ""));
    wrap.appendChild(bar);
    const inner = node("div", "inner");
    const list = node("ol", "alerts");
    m.group.alerts.forEach((a) => {
      const item = node("li", "alert");
      item.dataset.fingerprint = a.fingerprint || "";
      const dot = node("span", "state " + a.status);
      if (a.status === "firing" && severityClass(a.severity) === "ticket") dot.classList.add("warning");
      item.appendChild(dot);
      const body = node("div");
      const head = node("div", "a-head");
      head.appendChild(node("span", "alertname", a.alertname || "(no alertname)"));
      if (a.severity) head.appendChild(node("span", "sev " + severityClass(a.severity), a.severity));
      if (a.status !== m.status) head.appendChild(node("span", "status-pill " + a.status, a.status));
      body.appendChild(head);
      if (a.summary) body.appendChild(node("div", "a-summary", a.summary));
      if (a.description) body.appendChild(node("div", "a-desc", a.description));
      const links = node("div", "a-links");
      if (a.runbookUrl) links.appendChild(link(a.runbookUrl, "Runbook"));
      if (a.generatorUrl) links.appendChild(link(a.generatorUrl, "Source"));
      if (a.startsAt) links.appendChild(node("span", null, "since " + timeOf(a.startsAt)));
      if (a.endsAt && a.status === "resolved") links.appendChild(node("span", null, "ended " + timeOf(a.endsAt)));
      if (links.childNodes.length) body.appendChild(links);
      const labels = node("div", "labels");
      Object.entries(a.labels || {})
        .filter(([k]) => k !== "alertname" && k !== "severity")
        .forEach(([k, v]) => labels.appendChild(node("span", "label-chip", k + "=" + v)));
      if (labels.childNodes.length) body.appendChild(labels);
      item.appendChild(body);
      list.appendChild(item);
    });
    if (m.group.truncatedAlerts > 0) {
      list.appendChild(node("li", "truncated", "+ " + m.group.truncatedAlerts + " more alerts not sent (max_alerts)"));
    }
    inner.appendChild(list);
    wrap.appendChild(inner);
    return wrap;
  }

  // ---------- incident actions (acknowledge, silence through Alertmanager, expire) ----------

  const actions = { acknowledge: true, silence: false, reason: "" };
  const SILENCE_PRESETS = ["30m", "1h", "4h"];

  function userName() {
    return (el.user.value || "").trim();
  }

  function runbookOf(m) {
    const fromAlerts = (m.group && m.group.alerts || []).map((a) => a.runbookUrl).find((u) => safeUrl(u || ""));
    if (fromAlerts) return fromAlerts;
    for (const a of m.attachments || []) {
      const text = (a.text || "") + "\n" + (a.fallback || "");
      const found = /Runbook:\*?\s*<?(https?:\/\/[^\s|>]+)/i.exec(text);
      if (found) return found[1];
      if (a.titleLink && /runbook/i.test(a.titleLink) && safeUrl(a.titleLink)) return a.titleLink;
    }
    return null;
  }

  function untilText(iso) {
    const d = new Date(iso);
    return timeOf(iso) + (d.toDateString() === new Date().toDateString() ? "" : " (" + dayOf(iso) + ")");
  }

  function button(className, label, onClick) {
    const b = node("button", "action " + className, label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  // Calls an action; on failure the error is shown on the message and nothing else changes. On
  // success the live stream brings the changed message to every open page, this one included.
  async function act(box, method, path, body) {
    const error = box.querySelector(".action-error");
    error.textContent = "";
    box.classList.add("busy");
    try {
      const response = await fetch(path, {
        method,
        headers: body ? { "Content-Type": "application/json" } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        error.textContent = (answer.message || "failed") + " (" + response.status + ")";
        return null;
      }
      return answer;
    } catch (e) {
      error.textContent = "mock-slack unreachable: " + e.message;
      return null;
    } finally {
      box.classList.remove("busy");
    }
  }

  function needName(box) {
    if (userName()) return false;
    box.querySelector(".action-error").textContent = "Enter your name at the top first.";
    el.user.focus();
    return true;
  }

  function renderIncident(m) {
    const box = node("div", "incident");
    const states = node("div", "incident-state");
    if (m.acknowledgedBy) {
      states.appendChild(node("span", "ack-state", "Acknowledged by " + m.acknowledgedBy + " at " + timeOf(m.acknowledgedAt)));
    }
    if (m.silence) {
      const s = node("span", "silence-state", "Silenced by " + (m.silence.createdBy || "?") + " until " + untilText(m.silence.endsAt));
      s.title = (m.silence.comment ? m.silence.comment + "\n" : "") + m.silence.matchers.join(", ") + "\nsilence " + m.silence.id;
      states.appendChild(s);
      if (actions.silence) {
        states.appendChild(button("expire", "Expire", () => act(box, "DELETE", "/api/messages/" + m.id + "/silence")));
      }
    }
    if (states.childNodes.length) box.appendChild(states);

    const bar = node("div", "action-bar");
    if (!m.acknowledgedBy) {
      bar.appendChild(button("ack", "Acknowledge", () => {
        if (needName(box)) return;
        act(box, "POST", "/api/messages/" + m.id + "/ack", { by: userName() });
      }));
    }
    if (actions.silence && !m.silence) {
      bar.appendChild(button("silence", "Silence…", () => openSilenceForm(box, m)));
    }
    const runbook = runbookOf(m);
    if (runbook) {
      const a = link(runbook, "Runbook");
      a.className = "action runbook";
      bar.appendChild(a);
    }
    if (!actions.silence && actions.reason) bar.title = actions.reason;
    box.appendChild(bar);
    box.appendChild(node("div", "silence-form"));
    box.appendChild(node("div", "action-error"));
    return box;
  }

  async function openSilenceForm(box, m) {
    const form = box.querySelector(".silence-form");
    if (form.childNodes.length) return;
    const matchers = await act(box, "GET", "/api/messages/" + m.id + "/silence/matchers");
    if (!matchers) return;
    let duration = "1h";
    const durations = node("div", "durations");
    const custom = node("input", "custom-duration");
    custom.placeholder = "custom, e.g. 2h30m";
    custom.maxLength = 16;
    const choose = (value) => {
      duration = value;
      durations.querySelectorAll("button").forEach((b) => b.classList.toggle("active", b.dataset.duration === value));
    };
    SILENCE_PRESETS.forEach((d) => {
      const b = button("duration", d, () => { custom.value = ""; choose(d); });
      b.dataset.duration = d;
      durations.appendChild(b);
    });
    custom.addEventListener("input", () => choose(custom.value.trim()));
    durations.appendChild(custom);
    choose("1h");
    form.appendChild(durations);
    const comment = node("input", "comment");
    comment.placeholder = "comment (why, ticket…)";
    comment.maxLength = 500;
    form.appendChild(comment);
    const list = node("div", "matchers");
    list.appendChild(node("span", "matchers-title", "silences alerts matching"));
    matchers.matchers.forEach((x) => list.appendChild(node("code", "matcher", x)));
    form.appendChild(list);
    form.appendChild(button("confirm", "Silence", async () => {
      if (needName(box)) return;
      const done = await act(box, "POST", "/api/messages/" + m.id + "/silence",
        { duration, comment: comment.value, by: userName() });
      if (done) form.textContent = "";
    }));
    form.appendChild(button("cancel", "Cancel", () => { form.textContent = ""; }));
  }

  async function loadActions() {
    try {
      const response = await fetch("/api/actions");
      if (!response.ok) return;
      Object.assign(actions, await response.json());
    } catch (e) {
      // mock-slack unreachable: actions stay at their defaults (no silences)
    }
  }

  el.user.value = localStorage.getItem("mockslack.user") || "";
  el.user.addEventListener("change", () => localStorage.setItem("mockslack.user", userName()));

  // A message changed (acknowledged, silenced): the stream sends it again with the same id.
  function replaceRendered(m) {
    const old = el.list.querySelector('.message[data-id="' + m.id + '"]');
    if (!old) return;
    const li = renderMessage(m);
    old.replaceWith(li);
  }

  // ---------- the list ----------

  function matchesView(m) {
    return (!state.channel || m.channel === state.channel) && (!state.status || m.status === state.status);
  }

  function nearBottom() {
    const s = el.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM_PX;
  }

  // Appends messages (oldest first) with day dividers; trims the oldest beyond MAX_RENDERED.
  function append(messages, fresh) {
    const stick = nearBottom();
    const fragment = document.createDocumentFragment();
    messages.forEach((m) => {
      if (state.rendered.has(m.id)) return;
      const day = dayOf(m.receivedAt);
      if (day !== state.lastDay) {
        const divider = node("li", "day-divider");
        divider.appendChild(node("span", null, day));
        fragment.appendChild(divider);
        state.lastDay = day;
      }
      state.newestId = Math.max(state.newestId, m.id);
      const li = renderMessage(m);
      if (fresh) li.classList.add("fresh");
      fragment.appendChild(li);
      state.rendered.add(m.id);
    });
    el.list.appendChild(fragment);
    while (state.rendered.size > MAX_RENDERED) {
      const first = el.list.querySelector(".message");
      state.rendered.delete(Number(first.dataset.id));
      first.remove();
      while (el.list.firstElementChild && el.list.firstElementChild.classList.contains("day-divider")
          && el.list.firstElementChild.nextElementSibling
          && el.list.firstElementChild.nextElementSibling.classList.contains("day-divider")) {
        el.list.firstElementChild.remove();
      }
    }
    el.empty.classList.toggle("visible", state.rendered.size === 0);
    if (stick || !fresh) el.scroller.scrollTop = el.scroller.scrollHeight;
  }

  async function loadMessages() {
    const params = new URLSearchParams({ limit: "300" });
    if (state.channel) params.set("channel", state.channel);
    if (state.status) params.set("status", state.status);
    const response = await fetch("/api/messages?" + params);
    if (!response.ok) return;
    const body = await response.json();
    el.list.textContent = "";
    state.rendered.clear();
    state.newestId = 0;
    state.lastDay = null;
    append(body.messages.slice().reverse(), false);
  }

  // ---------- channels ----------

  async function loadChannels() {
    const response = await fetch("/api/channels");
    if (!response.ok) return;
    state.channels = await response.json();
    renderChannels();
  }

  let channelsTimer = null;
  function refreshChannelsSoon() {
    if (channelsTimer) return;
    channelsTimer = setTimeout(() => {
      channelsTimer = null;
      loadChannels();
    }, 400);
  }

  function renderChannels() {
    el.channels.textContent = "";
    let total = 0;
    state.channels.forEach((c) => {
      total += c.messageCount;
      const li = node("li");
      const button = node("button", "channel-item");
      button.type = "button";
      button.dataset.channel = c.name;
      if (c.name === state.channel) button.classList.add("selected");
      if (state.unread.has(c.name)) button.classList.add("unread");
      button.appendChild(node("span", "hash", c.name.startsWith("@") ? "@" : "#"));
      button.appendChild(node("span", "name", c.name.replace(/^[#@]/, "")));
      const count = node("span", "count", String(c.messageCount));
      if (c.lastStatus === "firing") count.classList.add("firing");
      button.appendChild(count);
      button.addEventListener("click", () => select(c.name, state.status));
      li.appendChild(button);
      el.channels.appendChild(li);
    });
    el.allCount.textContent = String(total);
    el.all.classList.toggle("selected", state.channel === "");
    el.noChannels.style.display = state.channels.length ? "none" : "block";
  }

  // ---------- view selection ----------

  function select(channel, status) {
    state.channel = channel;
    state.status = status;
    state.unread.delete(channel);
    const hash = new URLSearchParams();
    if (channel) hash.set("channel", channel);
    if (status) hash.set("status", status);
    history.replaceState(null, "", hash.toString() ? "#" + hash : location.pathname);
    el.title.textContent = channel ? channel : "# all channels";
    el.topic.textContent = channel
      ? "Notifications posted to " + channel
      : "Every channel, newest at the bottom";
    el.statusFilter.querySelectorAll("button").forEach((b) =>
      b.classList.toggle("active", b.dataset.status === status));
    el.clear.title = channel ? "Delete every message in " + channel : "Delete every message in every channel";
    renderChannels();
    loadMessages();
  }

  el.all.addEventListener("click", () => select("", state.status));
  el.statusFilter.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (button) select(state.channel, button.dataset.status);
  });
  el.clear.addEventListener("click", async () => {
    const what = state.channel || "every channel";
    if (!window.confirm("Delete all messages in " + what + "?")) return;
    const query = state.channel ? "?channel=" + encodeURIComponent(state.channel) : "";
    await fetch("/api/messages" + query, { method: "DELETE" });
  });

  // ---------- live stream ----------

  let pending = [];
  function flushPending() {
    const batch = pending;
    pending = [];
    append(batch, true);
  }

  function setLive(stateName, label) {
    el.live.dataset.state = stateName;
    el.live.querySelector(".label").textContent = label;
  }

  function connect() {
    const source = new EventSource("/api/stream");
    source.addEventListener("open", () => {
      setLive("open", "Live");
      // Anything that arrived while disconnected: read the lists again.
      loadChannels();
      loadMessages();
    });
    source.addEventListener("message", (event) => {
      const m = JSON.parse(event.data);
      if (state.rendered.has(m.id)) {
        replaceRendered(m);
        return;
      }
      const queued = pending.findIndex((p) => p.id === m.id);
      if (queued >= 0) {
        pending[queued] = m;
        return;
      }
      if (m.id <= state.newestId) return; // a change to a message this view does not show
      if (state.channel && m.channel !== state.channel) state.unread.add(m.channel);
      refreshChannelsSoon();
      if (matchesView(m)) {
        if (!pending.length) requestAnimationFrame(flushPending);
        pending.push(m);
      }
    });
    source.addEventListener("cleared", () => {
      loadChannels();
      loadMessages();
    });
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) {
        // Refused (e.g. too many subscribers): the browser will not retry by itself.
        setLive("closed", "Disconnected, retrying…");
        source.close();
        setTimeout(connect, 5000);
      } else {
        setLive("reconnecting", "Reconnecting…");
      }
    });
  }

  // ---------- alerting pipeline (dead man's switch, GET /api/pipeline) ----------

  const PIPELINE_POLL_MS = 10000;

  function pipelineLabel(p) {
    if (p.status === "healthy") return "alerting pipeline: healthy";
    if (p.status === "silent") {
      const since = new Date(p.silentSince);
      return "alerting pipeline: silent since " + timeOf(p.silentSince) +
        (since.toDateString() === new Date().toDateString() ? "" : " (" + dayOf(p.silentSince) + ")");
    }
    return "alerting pipeline: waiting for the first heartbeat";
  }

  async function loadPipeline() {
    try {
      const response = await fetch("/api/pipeline");
      if (!response.ok) return;
      const p = await response.json();
      el.pipeline.dataset.status = p.status;
      el.pipeline.querySelector(".label").textContent = pipelineLabel(p);
      el.pipeline.title = p.lastHeartbeat
        ? "Last heartbeat " + new Date(p.lastHeartbeat).toString() + "; expected every " + p.expectedIntervalSeconds + " s"
        : "No heartbeat since mock-slack started; expected every " + p.expectedIntervalSeconds + " s";
    } catch (e) {
      // mock-slack unreachable: the live-status badge already says so
    }
  }

  // ---------- start ----------

  const initial = new URLSearchParams(location.hash.slice(1));
  // The actions offered decide what each message shows, so they are known before the first render.
  loadActions().then(() => select(initial.get("channel") || "", initial.get("status") || ""));
  loadChannels();
  loadPipeline();
  setInterval(loadPipeline, PIPELINE_POLL_MS);
  // Opened after "load": a stream opened earlier would hold the page in "loading" for ever
  // (a spinning tab, and WebDriver's navigation never returning).
  if (document.readyState === "complete") connect();
  else window.addEventListener("load", () => setTimeout(connect, 0));
})();
