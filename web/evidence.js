/*
 * Evidence builder: turns what a reader noted into a support message and a printable record, and
 * checks the formats of addresses and transaction IDs, all inside the browser.
 *
 * Privacy is the point of this page: nothing here makes a request, and nothing is stored unless the
 * reader presses "Save on this device" (localStorage, key "mfp-evidence"); "Erase everything" removes
 * that key and clears the page. Every value the reader typed is written with textContent or .value,
 * never as HTML.
 *
 * Checksums are verified with audited libraries, never by hand: keccak-256 for EIP-55 and SHA-256 for
 * Base58Check come from @noble/hashes, bech32/bech32m and Base58 decoding from @scure/base.
 *
 * Bundled by `npm run build` (esbuild) to generator/static/evidence.js; the page loads it with a
 * <script> inside the content, which Material's instant navigation runs again on every visit, so
 * setting up is idempotent (data-ready), and also hooked to document$ in case it is loaded site-wide.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { bech32, bech32m, createBase58check } from "@scure/base";

const STORAGE_KEY = "mfp-evidence";
const FIELDS = ["situation", "platform", "asset", "network", "amount", "when", "zone", "txid", "from", "to", "memo", "saw", "done"];
const MULTILINE = ["saw", "done"];
const base58check = createBase58check(sha256);

/* ---------- Format checks. Each returns null (nothing to say) or { level, text }. ---------- */

const LEVEL_PREFIX = { ok: "Looks right: ", note: "Note: ", warn: "Check: ", error: "Problem: " };
const ok = (text) => ({ level: "ok", text });
const note = (text) => ({ level: "note", text });
const warn = (text) => ({ level: "warn", text });
const error = (text) => ({ level: "error", text });

const COPY_AGAIN = "Copy it again from the source.";
const EIP55_ERROR = "This address fails its EIP-55 checksum: at least one character is wrong. " + COPY_AGAIN;
const MIXED_CASE_ERROR = "This bech32 address mixes upper and lower case, which is never valid.";
const FAMILY_NAMES = { evm: "an Ethereum-style (EVM)", bitcoin: "a Bitcoin", tron: "a Tron" };

// The network field is free text, so it is read loosely; anything unrecognised gets no network-specific hint.
// Bitcoin Cash and Bitcoin SV come first because their names contain "Bitcoin" but their addresses differ.
const NETWORK_FAMILIES = [
  ["other", /bitcoin\s*(?:cash|sv)|\bbch\b|\bbsv\b/i],
  ["tron", /\b(?:trc-?20|trc|tron|trx)\b/i],
  ["bitcoin", /\b(?:btc|bitcoin|segwit|taproot)\b/i],
  ["evm", /\b(?:erc-?20|eth|ethereum|bep-?20|bsc|bnb smart chain|polygon|matic|arbitrum(?: one)?|optimism|op mainnet|base|avalanche|avax|c-chain|x ?layer|linea|zksync|scroll|evm)\b/i],
];

export function networkFamily(network) {
  for (const [family, pattern] of NETWORK_FAMILIES) if (pattern.test(network)) return family === "other" ? "" : family;
  return "";
}

function checkEvmAddress(value) {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) {
    return error("This looks like an Ethereum-style address, but it is too short or too long, or has a character that does not belong. " + COPY_AGAIN);
  }
  const body = value.slice(2);
  const lower = body.toLowerCase();
  // All one case means the address carries no EIP-55 checksum: valid, but a typo cannot be caught.
  if (body === lower || body === body.toUpperCase()) {
    return warn("No checksum: double-check every character. This address is all in one case, so a mistyped character cannot be detected.");
  }
  // EIP-55: a letter is upper case exactly where the keccak-256 of the lower-case address has a nibble of eight or more.
  const hash = bytesToHex(keccak_256(utf8ToBytes(lower)));
  let expected = "";
  for (let i = 0; i < lower.length; i++) expected += parseInt(hash[i], 16) >= 8 ? lower[i].toUpperCase() : lower[i];
  return expected === body ? ok("The EIP-55 checksum matches.") : error(EIP55_ERROR);
}

// Decodes a segwit address: witness version 0 must use bech32 (BIP-173), versions 1 and up bech32m (BIP-350).
function decodeSegwit(address) {
  for (const coder of [bech32, bech32m]) {
    const decoded = coder.decodeUnsafe(address);
    if (!decoded || !decoded.words.length) continue;
    const version = decoded.words[0];
    const program = coder.fromWordsUnsafe(decoded.words.slice(1));
    const rightChecksum = version === 0 ? coder === bech32 : coder === bech32m;
    const rightProgram = !!program && version <= 16 && program.length >= 2 && program.length <= 40 &&
      (version !== 0 || program.length === 20 || program.length === 32);
    // A checksum of the wrong kind for the version counts as a failed checksum (BIP-350).
    if (!rightChecksum) return null;
    return { prefix: decoded.prefix, valid: rightProgram, name: coder === bech32 ? "bech32" : "bech32m" };
  }
  return null;
}

function checkBech32Address(value) {
  if (value !== value.toLowerCase() && value !== value.toUpperCase()) return error(MIXED_CASE_ERROR);
  const lower = value.toLowerCase();
  const data = lower.slice(lower.lastIndexOf("1") + 1);
  if (/[^qpzry9x8gf2tvdw0s3jn54khce6mua7l]/.test(data)) {
    return error("This address has a character that never appears in a bech32 address. " + COPY_AGAIN);
  }
  const segwit = decodeSegwit(lower);
  if (!segwit) return error("This address fails its bech32 checksum: at least one character is wrong. " + COPY_AGAIN);
  if (!segwit.valid || (segwit.prefix !== "bc" && segwit.prefix !== "tb")) {
    return error("This address has a valid checksum but is not a valid Bitcoin address. " + COPY_AGAIN);
  }
  if (segwit.prefix === "tb") return warn("This is a Bitcoin testnet address, and testnet coins have no value. Check that you copied the right address.");
  return ok(`The ${segwit.name} checksum matches.`);
}

// Base58Check version bytes: Bitcoin mainnet pay-to-key-hash and script-hash, the testnet pair, and Tron.
const BITCOIN_VERSIONS = { 0x00: "main", 0x05: "main", 0x6f: "test", 0xc4: "test" };
const TRON_VERSION = 0x41;

function checkBase58Address(value, tron) {
  if (/[^1-9A-HJ-NP-Za-km-z]/.test(value)) {
    return error("This address has a character that never appears in this kind of address (zero, capital O, capital I or small L). " + COPY_AGAIN);
  }
  if (tron && value.length !== 34) return error("This looks like a Tron address, but it is too short or too long. " + COPY_AGAIN);
  let payload;
  try {
    payload = base58check.decode(value);
  } catch {
    return error("This address fails its Base58Check checksum: at least one character is wrong. " + COPY_AGAIN);
  }
  if (tron) {
    return payload.length === 21 && payload[0] === TRON_VERSION
      ? ok("The checksum of this Tron address matches.")
      : error("This is not a valid Tron address, although its checksum matches. " + COPY_AGAIN);
  }
  const kind = payload.length === 21 ? BITCOIN_VERSIONS[payload[0]] : undefined;
  if (!kind) return error("This is not a valid Bitcoin address, although its checksum matches. " + COPY_AGAIN);
  if (kind === "test") return warn("This is a Bitcoin testnet address, and testnet coins have no value. Check that you copied the right address.");
  return ok("The Base58Check checksum matches.");
}

function shapeOf(value) {
  if (/^0x/i.test(value)) return "evm";
  if (/^(?:bc|tb)1/i.test(value)) return "bech32";
  if (/^T/.test(value)) return "tron";
  if (/^[13mn2]/.test(value)) return "base58";
  return "";
}

const SHAPE_FAMILY = { evm: "evm", bech32: "bitcoin", tron: "tron", base58: "bitcoin" };

function checkShape(value, shape) {
  if (shape === "evm") return checkEvmAddress(value);
  if (shape === "bech32") return checkBech32Address(value);
  return checkBase58Address(value, shape === "tron");
}

export function checkAddress(raw, network) {
  const value = raw.trim();
  if (!value) return null;
  if (/\s/.test(value)) return error("An address never contains spaces or line breaks. " + COPY_AGAIN);
  const expected = networkFamily(network);
  const shape = shapeOf(value);
  const family = SHAPE_FAMILY[shape] || "";
  // Base58 text is also used by networks checked nowhere here (Solana, Litecoin and others), so a Base58
  // address is checked only when the network says Bitcoin or Tron, or, with no network given, when its
  // length fits: a false "wrong address" would frighten for nothing.
  const base58 = shape === "tron" || shape === "base58";
  const fits = shape === "tron" ? value.length === 34 : value.length >= 26 && value.length <= 35;
  if (!family || (base58 && !expected && (network.trim() !== "" || !fits))) {
    return expected
      ? warn(`This does not look like ${FAMILY_NAMES[expected]} address. Check that you copied all of it, and which network was used.`)
      : note("This kind of address cannot be checked here: compare it character by character with the source.");
  }
  const result = checkShape(value, shape);
  if (expected && expected !== family) {
    // Another network's address is worth a second look rather than an error: the network field may be what is wrong.
    return result.level === "error"
      ? warn(`This does not look like ${FAMILY_NAMES[expected]} address. Check that you copied all of it, and which network was used.`)
      : warn(`This looks like ${FAMILY_NAMES[family]} address, but the network you entered is “${network.trim()}”. Check which network was really used: support will need to know.`);
  }
  return result;
}

export function checkTxid(raw, network) {
  const value = raw.trim();
  if (!value) return null;
  if (/\s/.test(value)) return warn("A transaction ID never contains spaces or line breaks. " + COPY_AGAIN);
  const family = networkFamily(network);
  const prefixed = /^0x[0-9a-fA-F]{64}$/.test(value);
  const plain = /^[0-9a-fA-F]{64}$/.test(value);
  const looksRight = ok("This has the shape of a transaction ID on this network.");
  const wrongLength = warn("This looks too short or too long for a transaction ID on this network, or has a character that does not belong. " + COPY_AGAIN);
  if (family === "evm") {
    if (prefixed) return looksRight;
    return plain ? warn("On this network a transaction ID starts with 0x. Check that you copied all of it.") : wrongLength;
  }
  if (family === "bitcoin" || family === "tron") {
    if (plain) return looksRight;
    return prefixed
      ? warn(`This looks like an Ethereum-style transaction ID, but the network you entered is “${network.trim()}”. Check which network was really used.`)
      : wrongLength;
  }
  if (prefixed || plain) return null;
  return note("This has an unusual shape for a transaction ID. That can be normal on some networks: compare it character by character with the source.");
}

/* ---------- Dates and time zones ---------- */

const pad = (number) => String(number).padStart(2, "0");

function offsetText(minutes) {
  const sign = minutes < 0 ? "-" : "+";
  const size = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
}

// The zone's offset from UTC at a wall-clock time ("2025-03-14T09:30"), so support can compare it
// with their own logs; "" when the zone is not one the browser knows.
export function utcOffset(when, zone) {
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(when);
  if (!parts || !zone || /^(?:etc\/)?(?:utc|gmt|zulu|z)$/i.test(zone.trim())) return "";
  let format;
  try {
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone.trim(), timeZoneName: "longOffset" });
  } catch {
    return "";
  }
  const minutesAt = (time) => {
    const name = format.formatToParts(new Date(time)).find((part) => part.type === "timeZoneName");
    const match = name && /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?/.exec(name.value);
    if (!match) return null;
    return match[1] ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] || 0)) : 0;
  };
  const wall = Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]), Number(parts[4]), Number(parts[5]), Number(parts[6] || 0));
  let minutes = minutesAt(wall);
  if (minutes === null) return "";
  const again = minutesAt(wall - minutes * 60000); // a second look, for times near a daylight-saving change
  if (again !== null) minutes = again;
  return offsetText(minutes);
}

function deviceZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    return "";
  }
}

const wallClock = (when) => when.replace("T", " ");

function zoneText(values) {
  if (!values.zone) return "";
  const offset = values.when ? utcOffset(values.when, values.zone) : "";
  return offset ? `${values.zone} (${offset})` : values.zone;
}

function stamp(date) {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const offset = offsetText(-date.getTimezoneOffset());
  const zone = deviceZone();
  if (!zone || /^(?:etc\/)?(?:utc|gmt|zulu|z)$/i.test(zone)) return `${time} ${offset}`;
  return `${time}, time zone ${zone} (${offset})`;
}

/* ---------- The message and the record ---------- */

export function hasContent(values) {
  return FIELDS.some((name) => name !== "platform" && name !== "zone" && values[name]);
}

/**
 * The support message. Empty fields are left out, so it never asserts something the reader did not
 * say; it asks for what a reader needs next (what support sees, the next step, a case number).
 */
export function buildMessage(values, situationTitle) {
  if (!hasContent(values)) return "";
  const what = [values.asset, values.network].filter(Boolean).join(", ");
  const lines = [
    `Subject: ${situationTitle || "Help with my account"}${what ? ` (${what})` : ""}`,
    "",
    values.platform ? `Hello ${values.platform} support,` : "Hello,",
    "",
    "I need your help with a problem on my account. Here are the details.",
    "",
  ];
  const details = [
    ["Situation", situationTitle],
    ["Asset", values.asset],
    ["Network", values.network],
    ["Amount", values.amount],
    ["Date and time", values.when && `${wallClock(values.when)}${values.zone ? `, time zone ${zoneText(values)}` : ""}`],
    ["Transaction ID", values.txid],
    ["Sending address", values.from],
    ["Receiving address", values.to],
    ["Deposit memo or tag", values.memo],
  ];
  for (const [label, value] of details) if (value) lines.push(`${label}: ${value}`);
  if (values.saw) lines.push("", "What I saw:", values.saw);
  if (values.done) lines.push("", "What I have already done:", values.done);
  lines.push(
    "",
    "Please tell me what you can see on your side, what I should do next, and the case or ticket number for this request. " +
      "For my safety I will not share my password, 2FA codes or recovery phrase, and I will continue this conversation only through your official support channel.",
    "",
    "Thank you.",
  );
  return lines.join("\n");
}

export function recordEntries(values, situationTitle, madeAt) {
  return [
    ["Situation", situationTitle],
    ["Platform", values.platform],
    ["Asset", values.asset],
    ["Network", values.network],
    ["Amount", values.amount],
    ["Date and time", values.when && wallClock(values.when)],
    ["Time zone", zoneText(values)],
    ["Transaction ID", values.txid],
    ["Sending address", values.from],
    ["Receiving address", values.to],
    ["Deposit memo or tag", values.memo],
    ["What I saw", values.saw],
    ["What I have already done", values.done],
    ["Record made", madeAt],
  ];
}

/* ---------- Storage: only on request ---------- */

function localStore() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked: saving is refused with a message, everything else works
  }
}

function forget() {
  for (const name of ["localStorage", "sessionStorage"]) {
    try {
      window[name].removeItem(STORAGE_KEY);
    } catch {
      // storage blocked: there is nothing kept to erase
    }
  }
}

// Pages opened from disk (the offline copy) share one storage with every other file opened in this
// browser, so anything saved there could be read by any HTML file on this computer: no saving there.
const FROM_DISK = location.protocol === "file:";
const NO_SAVING_FROM_DISK =
  "Saving is turned off in the offline copy: a page opened from a file shares this browser's storage with every other file on this computer, " +
  "so any of them could read what you saved. Copy the message or print the record instead.";

function loadSaved() {
  if (FROM_DISK) return null;
  const store = localStore();
  if (!store) return null;
  try {
    const saved = JSON.parse(store.getItem(STORAGE_KEY) || "null");
    return saved && typeof saved.fields === "object" ? saved : null;
  } catch {
    return null;
  }
}

/* ---------- The page ---------- */

function setUp(root) {
  const form = root.querySelector(".mfp-evidence__form");
  const field = (name) => form.elements.namedItem(name);
  const output = root.querySelector(".mfp-evidence__output");
  const record = root.querySelector(".mfp-evidence__record-list");
  const empty = root.querySelector(".mfp-evidence__record-empty");
  const status = root.querySelector(".mfp-evidence__status");
  const copied = root.querySelector(".mfp-evidence__copied");
  const checked = { txid: checkTxid, from: checkAddress, to: checkAddress };
  const timers = {};

  const values = () => {
    const result = {};
    for (const name of FIELDS) {
      const raw = field(name).value.replace(/\r\n?/g, "\n");
      result[name] = MULTILINE.includes(name) ? raw.replace(/^\s*\n|\s+$/g, "") : raw.trim();
    }
    return result;
  };

  const situationTitle = () => {
    const select = field("situation");
    const option = select.options[select.selectedIndex];
    return select.value && select.value !== "other" && option ? option.text.trim() : "";
  };

  function showCheck(name) {
    const input = field(name);
    const region = root.querySelector(`#mfp-evidence-${name}-check`);
    const result = checked[name](input.value, field("network").value);
    region.textContent = "";
    region.removeAttribute("data-level");
    input.removeAttribute("aria-invalid");
    if (!result) return;
    // The level is said in words as well as shown in colour.
    const prefix = document.createElement("strong");
    prefix.textContent = LEVEL_PREFIX[result.level];
    region.append(prefix, result.text);
    region.setAttribute("data-level", result.level);
    if (result.level === "error") input.setAttribute("aria-invalid", "true");
  }

  const showChecks = () => Object.keys(checked).forEach(showCheck);

  function render() {
    const current = values();
    const title = situationTitle();
    output.value = buildMessage(current, title);
    record.textContent = "";
    empty.hidden = hasContent(current);
    if (!empty.hidden) return;
    for (const [label, value] of recordEntries(current, title, stamp(new Date()))) {
      const term = document.createElement("dt");
      term.textContent = label;
      const detail = document.createElement("dd");
      detail.textContent = value || "Not given";
      if (!value) detail.className = "mfp-evidence__empty";
      record.append(term, detail);
    }
  }

  function fill(fields) {
    for (const name of FIELDS) if (typeof fields[name] === "string") field(name).value = fields[name];
  }

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    const name = event.target.name;
    copied.textContent = "";
    render();
    // Checks wait for a pause in typing, so a half-typed address is not called wrong.
    if (checked[name]) {
      clearTimeout(timers[name]);
      timers[name] = setTimeout(() => showCheck(name), 600);
    }
    if (name === "network") showChecks();
  });
  form.addEventListener("change", (event) => {
    if (checked[event.target.name]) showCheck(event.target.name);
    else if (event.target.name === "network") showChecks();
    render();
  });

  const save = root.querySelector(".mfp-evidence__save");
  if (FROM_DISK) {
    save.hidden = true;
    status.textContent = NO_SAVING_FROM_DISK;
  }
  save.addEventListener("click", () => {
    if (FROM_DISK) return;
    const store = localStore();
    try {
      store.setItem(STORAGE_KEY, JSON.stringify({ saved: new Date().toISOString(), fields: values() }));
      status.textContent = "Saved on this device, in this browser only. Changes you make after this are kept only when you press “Save on this device” again.";
    } catch {
      status.textContent = "This browser would not save it (private browsing, or storage turned off). Copy the message or print the record instead.";
    }
  });

  root.querySelector(".mfp-evidence__erase").addEventListener("click", () => {
    if (!window.confirm("Erase everything on this page, and the copy saved on this device?")) return;
    forget();
    Object.values(timers).forEach(clearTimeout);
    form.reset();
    field("zone").value = deviceZone();
    showChecks();
    render();
    copied.textContent = "";
    status.textContent = "Everything is erased: the form, the message, the record and the copy saved on this device.";
  });

  root.querySelector(".mfp-evidence__copy").addEventListener("click", async () => {
    const text = output.value;
    if (!text) {
      copied.textContent = "Nothing to copy yet: fill in the form first.";
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      copied.textContent = "Copied. Paste it into the platform's official support chat or form.";
    } catch {
      // No clipboard access (an older browser, or permission refused): select the text for the reader to copy.
      output.focus();
      output.select();
      output.setSelectionRange(0, text.length);
      let done = false;
      try {
        done = document.execCommand("copy");
      } catch {
        done = false;
      }
      copied.textContent = done ? "Copied. Paste it into the platform's official support chat or form." : "The message is selected: copy it with your device's copy command.";
    }
  });

  root.querySelector(".mfp-evidence__print").addEventListener("click", () => {
    render();
    window.print();
  });

  const saved = loadSaved();
  if (saved) {
    fill(saved.fields);
    status.textContent = "Restored what you saved on this device. “Erase everything” removes it.";
  }
  if (!field("zone").value) field("zone").value = deviceZone();
  showChecks();
  render();
  for (const part of root.querySelectorAll(".mfp-evidence__form, .mfp-evidence__message, .mfp-evidence__record")) part.hidden = false;
}

function setUpPage() {
  const root = document.getElementById("mfp-evidence");
  if (!root || root.getAttribute("data-ready") === "yes") return;
  root.setAttribute("data-ready", "yes");
  setUp(root);
}

// Keep "Record made" current when the reader prints with the browser's own menu.
function refreshBeforePrint() {
  const root = document.getElementById("mfp-evidence");
  const form = root && root.querySelector(".mfp-evidence__form");
  if (form && root.getAttribute("data-ready") === "yes") form.dispatchEvent(new Event("change"));
}

const HOOKED = "__mfpEvidenceHooked";
if (!window[HOOKED]) {
  window[HOOKED] = true;
  window.addEventListener("beforeprint", refreshBeforePrint);
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUpPage);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpPage);
else setUpPage();
