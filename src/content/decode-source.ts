// Bytes of a text file → its text, or a diagnostic. UTF-8 only (a BOM is fine); UTF-16, invalid
// UTF-8, NUL bytes and merge-conflict markers are errors. Line endings become "\n" and the text
// NFC, so CRLF/LF and NFC/NFD sources give identical output.
import { error } from '../diagnostics.js';
import type { Diagnostic } from '../types.js';
import { positionOf } from './text-position.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeSource(file: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; diagnostic: Diagnostic } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, diagnostic: error(file, 'encoding/utf-16', 'The file is saved as UTF-16. Save it as UTF-8.', { line: 1, column: 1 }) };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return {
      ok: false,
      diagnostic: error(file, 'encoding/invalid-utf-8', `The file is not valid UTF-8 (byte ${at.offset}). Save it as UTF-8.`, { line: at.line, column: at.column }),
    };
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    return { ok: false, diagnostic: error(file, 'encoding/nul-byte', 'The file contains a NUL byte, so it is not a text file. Remove it or save the file again as UTF-8 text.', positionOf(text, nul)) };
  }
  text = text.replace(/\r\n?/g, '\n').normalize('NFC');
  const conflict = /^(<{7}|>{7})(?: |$)|^={7}$/m.exec(text);
  if (conflict) {
    return {
      ok: false,
      diagnostic: error(file, 'content/merge-conflict', 'The file contains a merge-conflict marker. Resolve the conflict and remove the <<<<<<<, ======= and >>>>>>> lines.', positionOf(text, conflict.index)),
    };
  }
  return { ok: true, text };
}

function firstInvalidUtf8(bytes: Uint8Array): { offset: number; line: number; column: number } {
  let low = 0;
  let high = bytes.length;
  const probe = new TextDecoder('utf-8', { fatal: true });
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    try {
      probe.decode(bytes.subarray(0, mid));
      low = mid;
    } catch {
      high = mid;
    }
  }
  // `low` bytes decode; the bad sequence starts within the last few of them.
  let offset = low;
  for (let back = 0; back < 4 && offset > 0; back++) {
    try {
      probe.decode(bytes.subarray(0, offset));
      break;
    } catch {
      offset--;
    }
  }
  const valid = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  return { offset, ...positionOf(valid, valid.length) };
}
