/** One parsed record and the file line it starts on (row errors name it). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * RFC 4180 CSV: comma separated, `"` quotes (doubled inside), CRLF or LF line ends, a UTF-8 BOM skipped.
 * Blank lines are skipped. Throws on an unterminated quote (the file is cut or not CSV).
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        i += 1;
        for (;;) {
          if (i >= text.length) throw new Error(`line ${start}: a quoted value is not closed`);
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i += 1;
            break;
          }
          if (text[i] === '\n') line += 1;
          cell += text[i];
          i += 1;
        }
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i += 1;
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      }
      cells.push(cell);
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === '\r') i += 1;
      if (text[i] === '\n') i += 1;
      line += 1;
      break;
    }
    if (cells.length > 1 || cells[0].trim() !== '') records.push({ line: start, cells });
  }
  return records;
}
