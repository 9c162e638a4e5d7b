#!/usr/bin/env node
/**
 * Interop CLI over the npm `age-encryption` package itself (not Kua's wrapper), so the Python tests
 * can prove Kua's age files and the reference JavaScript implementation read each other.
 *
 *   node scripts/age-interop.mjs encrypt --recipient R [--recipient R2 ...]  < plaintext > file.age
 *   node scripts/age-interop.mjs decrypt --identity I [--identity I2 ...]    < file.age > plaintext
 *   node scripts/age-interop.mjs keygen --type pq|x25519                     (prints identity, recipient)
 *
 * Whole files are read into memory (test sizes). Exit status: 0 on success, 1 when encryption or
 * decryption fails, 2 on a usage error; the reason goes to stderr, never to stdout.
 */
import { parseArgs } from "node:util";

import {
  Decrypter,
  Encrypter,
  generateHybridIdentity,
  generateX25519Identity,
  identityToRecipient,
} from "age-encryption";

const USAGE = `usage:
  age-interop.mjs encrypt --recipient R [--recipient R ...]  < plaintext > ciphertext
  age-interop.mjs decrypt --identity I [--identity I ...]    < ciphertext > plaintext
  age-interop.mjs keygen --type pq|x25519`;

class UsageError extends Error {}

/** Reads all of standard input. */
async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Writes bytes to standard output and resolves once they are flushed. */
function writeStdout(bytes) {
  return new Promise((resolve, reject) => {
    process.stdout.write(bytes, (error) => (error ? reject(error) : resolve()));
  });
}

async function encrypt(recipients) {
  if (recipients.length === 0) {
    throw new UsageError("encrypt needs at least one --recipient");
  }
  const encrypter = new Encrypter();
  for (const recipient of recipients) {
    encrypter.addRecipient(recipient);
  }
  await writeStdout(await encrypter.encrypt(await readStdin()));
}

async function decrypt(identities) {
  if (identities.length === 0) {
    throw new UsageError("decrypt needs at least one --identity");
  }
  const decrypter = new Decrypter();
  for (const identity of identities) {
    decrypter.addIdentity(identity);
  }
  // decrypt() on bytes resolves only after the whole file is authenticated: nothing is written
  // to stdout for a file that fails.
  await writeStdout(await decrypter.decrypt(await readStdin()));
}

async function keygen(type) {
  const generators = { pq: generateHybridIdentity, x25519: generateX25519Identity };
  const generate = generators[type];
  if (generate === undefined) {
    throw new UsageError("keygen needs --type pq or --type x25519");
  }
  const identity = await generate();
  await writeStdout(new TextEncoder().encode(`${identity}\n${await identityToRecipient(identity)}\n`));
}

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        recipient: { type: "string", multiple: true, default: [] },
        identity: { type: "string", multiple: true, default: [] },
        type: { type: "string" },
      },
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) {
    throw new UsageError("expected exactly one command: encrypt, decrypt or keygen");
  }
  switch (positionals[0]) {
    case "encrypt":
      return encrypt(values.recipient);
    case "decrypt":
      return decrypt(values.identity);
    case "keygen":
      return keygen(values.type);
    default:
      throw new UsageError(`unknown command ${JSON.stringify(positionals[0])}`);
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`age-interop: ${message}\n`);
  if (error instanceof UsageError) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.exitCode = 1;
  }
}
