/* Signing an offline pack's answers file: canonical JSON and HMAC-SHA256,
 * with Web Crypto where the browser offers it and in plain JavaScript where
 * it does not (some browsers keep crypto.subtle from pages opened from
 * file://, and every browser from a Kolibri served over plain http).
 * packs/answers.py checks the same signature in Python. */
(function (root) {
  "use strict";

  /* JSON with its keys sorted and no spaces, as Python's
   * json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False). */
  function canonical(value) {
    if (Array.isArray(value)) {
      return "[" + value.map(canonical).join(",") + "]";
    }
    if (value !== null && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (key) {
        return JSON.stringify(key) + ":" + canonical(value[key]);
      }).join(",") + "}";
    }
    return JSON.stringify(value);
  }

  function utf8(string) {
    if (root.TextEncoder) {
      return new TextEncoder().encode(string);
    }
    var binary = unescape(encodeURIComponent(string));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
  }

  function fromHex(hex) {
    var bytes = new Uint8Array(hex.length / 2);
    for (var i = 0; i < bytes.length; i++) {
      bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
    }
    return bytes;
  }

  function toHex(bytes) {
    var hex = "";
    for (var i = 0; i < bytes.length; i++) {
      hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    }
    return hex;
  }

  /* Web Crypto where the browser offers it (it may not on file:// or on a
   * plain-http Kolibri), else the same HMAC in plain JavaScript. */
  function hmacSha256Hex(key, message) {
    var subtle = root.isSecureContext && root.crypto && root.crypto.subtle;
    if (!subtle) {
      return Promise.resolve(toHex(hmacSha256(key, message)));
    }
    return subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
      .then(function (cryptoKey) { return subtle.sign("HMAC", cryptoKey, message); })
      .then(function (signature) { return toHex(new Uint8Array(signature)); })
      .catch(function () { return toHex(hmacSha256(key, message)); });
  }

  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];

  /* SHA-256 (FIPS 180-4) of a Uint8Array. */
  function sha256(message) {
    var length = message.length;
    var padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(message);
    padded[length] = 0x80;
    var bits = length * 8;
    var view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
    view.setUint32(padded.length - 4, bits >>> 0);
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var w = new Array(64);
    for (var offset = 0; offset < padded.length; offset += 64) {
      for (var t = 0; t < 16; t++) {
        w[t] = view.getUint32(offset + t * 4);
      }
      for (t = 16; t < 64; t++) {
        var s0 = ror(w[t - 15], 7) ^ ror(w[t - 15], 18) ^ (w[t - 15] >>> 3);
        var s1 = ror(w[t - 2], 17) ^ ror(w[t - 2], 19) ^ (w[t - 2] >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var t1 = (k + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
        var t2 = ((ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
    var digest = new Uint8Array(32);
    var out = new DataView(digest.buffer);
    for (var i = 0; i < 8; i++) {
      out.setUint32(i * 4, h[i] >>> 0);
    }
    return digest;
  }

  function ror(value, count) {
    return (value >>> count) | (value << (32 - count));
  }

  /* HMAC (RFC 2104) with SHA-256. */
  function hmacSha256(key, message) {
    if (key.length > 64) {
      key = sha256(key);
    }
    var inner = new Uint8Array(64 + message.length);
    var outer = new Uint8Array(64 + 32);
    for (var i = 0; i < 64; i++) {
      var byte = i < key.length ? key[i] : 0;
      inner[i] = byte ^ 0x36;
      outer[i] = byte ^ 0x5c;
    }
    inner.set(message, 64);
    outer.set(sha256(inner), 64);
    return sha256(outer);
  }

  root.chakraSigning = {
    canonical: canonical,
    utf8: utf8,
    fromHex: fromHex,
    toHex: toHex,
    hmacSha256Hex: hmacSha256Hex,
    // The plain JavaScript ones, which tests compare with Python's.
    sha256: sha256,
    hmacSha256: hmacSha256
  };

})(typeof window !== "undefined" ? window : globalThis);
