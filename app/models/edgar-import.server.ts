import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { Campaign, Db } from '../../db/schema'
import { config } from '../config.server'
import { dashed, EdgarClient, EdgarError, type FilingRef, listFilingFiles, removeDownloads } from '../sec/edgar-client.server'
import { ImportError } from '../sec/import-error'
import { parseCoverPage } from '../sec/thirteenf-xml.server'
import { importNpxFile, importThirteenFFiling, type ImportResult } from './holder-imports.server'

// Imports straight from EDGAR: the filing's directory index names its documents; the primary
// document (primary_doc.xml) says who filed, and the other XML document is the information
// table (13F) or the vote table (N-PX). An 8-K's main document is turned into text for the
// Item 5.07 reader, whose result the organizer confirms.

export function defaultEdgarClient(): EdgarClient {
  return new EdgarClient({ ...config.edgar, maxBytes: config.importMaxBytes })
}

async function filingDocuments(client: EdgarClient, ref: FilingRef) {
  const files = await listFilingFiles(client, ref)
  const primary = files.find((f) => f.name.toLowerCase() === 'primary_doc.xml')
  const tables = files.filter((f) => /\.xml$/i.test(f.name) && f !== primary).sort((a, b) => b.size - a.size)
  if (!primary || tables.length === 0) throw new EdgarError('This filing has no primary_doc.xml and XML table: it is not a structured Form 13F or N-PX filing (filings before 2013, and N-PX before July 2024, are not).')
  const base = `/Archives/edgar/data/${ref.cik}/${ref.accession}`
  const primaryFile = await client.download(`${base}/${primary.name}`)
  try {
    return { primary: primaryFile, table: await client.download(`${base}/${tables[0]!.name}`) }
  } catch (error) {
    await removeDownloads([primaryFile])
    throw error
  }
}

export async function importFromEdgar(db: Db, input: { campaign: Campaign; organizerId: number; form: '13f' | 'npx'; ref: FilingRef; client?: EdgarClient }): Promise<ImportResult> {
  const client = input.client ?? defaultEdgarClient()
  let docs: { primary: string; table: string } | null = null
  try {
    docs = await filingDocuments(client, input.ref)
    const accessionNumber = dashed(input.ref.accession)
    if (input.form === '13f') return await importThirteenFFiling(db, { campaign: input.campaign, organizerId: input.organizerId, infoTable: docs.table, primaryDoc: docs.primary, accessionNumber })
    // The cover says which form this is: refuse a 13F offered as an N-PX before reading its table.
    await parseCoverPage(createReadStream(docs.primary), { form: 'N-PX' })
    return await importNpxFile(db, { campaign: input.campaign, organizerId: input.organizerId, file: docs.table, format: 'xml', primaryDoc: docs.primary, accessionNumber })
  } catch (error) {
    if (error instanceof EdgarError) return { ok: false, formError: error.message }
    if (error instanceof ImportError) return { ok: false, formError: `The filing was not imported. ${error.message}` }
    throw error
  } finally {
    if (docs) await removeDownloads([docs.primary, docs.table])
  }
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”' }

/** The text of an HTML filing, with table cells as tabs and rows as lines. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/t[dh]\s*>/gi, '\t')
    .replace(/<(br|\/p|\/div|\/tr|\/li|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([\da-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&(\w+);/g, (all, name: string) => ENTITIES[name.toLowerCase()] ?? all)
    .replace(/[ \u00a0]+/g, ' ')
    .replace(/\t\s*(?=\t|\n)/g, '\t')
}

/** The text of an 8-K's main document, from the part that starts at Item 5.07 when there is one. */
export async function fetchItem507Text(input: { ref: FilingRef; client?: EdgarClient }): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  const client = input.client ?? defaultEdgarClient()
  try {
    const files = await listFilingFiles(client, input.ref)
    const main = files.find((f) => /\.html?$/i.test(f.name) && !/index/i.test(f.name)) ?? files.find((f) => /\.txt$/i.test(f.name))
    if (!main) return { ok: false, message: 'This filing has no HTML or text document to read the Item 5.07 table from.' }
    const file = await client.download(`/Archives/edgar/data/${input.ref.cik}/${input.ref.accession}/${main.name}`)
    const raw = await readFile(file, 'utf8').finally(() => removeDownloads([file]))
    const text = /\.html?$/i.test(main.name) ? htmlToText(raw) : raw
    const at = text.search(/Item\s*5\.07/i)
    if (at < 0) return { ok: false, message: `${main.name} has no Item 5.07: is this the Form 8-K with the meeting’s results?` }
    return { ok: true, text: text.slice(at, at + 20000) }
  } catch (error) {
    if (error instanceof EdgarError) return { ok: false, message: error.message }
    throw error
  }
}
