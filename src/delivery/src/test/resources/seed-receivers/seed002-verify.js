// Seed 002's own verifySignature, as printed in its Security section: the receiver re-serialises the parsed body
// (Express's express.json()) with JSON.stringify and compares the hex HMAC-SHA256 in X-V2K-Signature.
// Usage: node seed002-verify.js <body file> <signature> <secret>; prints "valid" or "invalid".
const crypto = require('crypto');
const fs = require('fs');

function verifySignature(payload, signature, secret) {
  const payloadString = JSON.stringify(payload);
  const expectedSignature = crypto
    .createHmac('sha256', secret)
    .update(payloadString)
    .digest('hex');

  return signature.length === expectedSignature.length && crypto.timingSafeEqual(
    Buffer.from(signature),
    Buffer.from(expectedSignature)
  );
}

const [bodyFile, signature, secret] = process.argv.slice(2);
const payload = JSON.parse(fs.readFileSync(bodyFile, 'utf8'));
console.log(verifySignature(payload, signature, secret) ? 'valid' : 'invalid');
