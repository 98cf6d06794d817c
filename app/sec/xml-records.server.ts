import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { SaxesParser } from 'saxes'
import { ImportError } from './import-error'

// Streams an XML document and hands over one small element tree per record element (an
// `infoTable`, a `proxyTable`), so a file of any size is read in flat memory. Names are
// matched by local name within the expected namespace, whatever prefix a filer chose.

export interface XmlElement {
  name: string
  text: string
  children: XmlElement[]
  line: number
}

/** The text of the first descendant at `path` ("shrsOrPrnAmt/sshPrnamt"), or undefined. */
export function childText(element: XmlElement, path: string): string | undefined {
  let current: XmlElement | undefined = element
  for (const part of path.split('/')) {
    current = current?.children.find((c) => c.name === part)
    if (!current) return undefined
  }
  return current.text.trim()
}

/** The line a descendant at `path` starts on (for messages), else the element's own. */
export function childLine(element: XmlElement, path: string): number {
  let current: XmlElement | undefined = element
  for (const part of path.split('/')) current = current?.children.find((c) => c.name === part)
  return current?.line ?? element.line
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name)
}

export interface RecordStreamOptions {
  /** What the file should be, for messages: "a Form 13F information table". */
  expected: string
  /** The root element's local name and namespace URIs it may carry. */
  root: string
  namespaces: string[]
  /** The local name(s) of the record elements, children of the root. */
  record: string | string[]
  onRecord: (record: XmlElement) => void
}

/** Reads the whole stream; throws an ImportError naming the line for anything unexpected. */
export async function readXmlRecords(stream: Readable, options: RecordStreamOptions): Promise<{ records: number }> {
  const parser = new SaxesParser({ xmlns: true, position: true })
  const decoder = new StringDecoder('utf8')
  let records = 0
  let depth = 0
  let sawRoot = false
  /** The open elements of the current record, innermost last. */
  const open: XmlElement[] = []
  const recordNames = new Set(Array.isArray(options.record) ? options.record : [options.record])
  let failure: ImportError | null = null

  parser.on('opentag', (tag) => {
    depth += 1
    const line = parser.line
    if (depth === 1) {
      if (tag.local !== options.root) {
        throw new ImportError(`this is not ${options.expected}: its root element is <${tag.name}>, where <${options.root}> was expected.`, line)
      }
      if (!options.namespaces.includes(tag.uri)) {
        throw new ImportError(`<${options.root}> is in the namespace “${tag.uri || 'none'}”, where ${options.namespaces.map((n) => `“${n}”`).join(' or ')} was expected.`, line)
      }
      sawRoot = true
      return
    }
    if (open.length === 0) {
      if (depth === 2 && recordNames.has(tag.local)) open.push({ name: tag.local, text: '', children: [], line })
      return
    }
    const element: XmlElement = { name: tag.local, text: '', children: [], line }
    open[open.length - 1]!.children.push(element)
    open.push(element)
  })
  parser.on('text', (text) => {
    const current = open[open.length - 1]
    if (current) current.text += text
  })
  parser.on('cdata', (text) => {
    const current = open[open.length - 1]
    if (current) current.text += text
  })
  parser.on('closetag', () => {
    depth -= 1
    const closed = open.pop()
    if (closed && open.length === 0) {
      records += 1
      options.onRecord(closed)
    }
  })
  parser.on('error', (error) => {
    throw new ImportError(`the file is not well-formed XML (${error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}); it may be truncated or damaged.`, parser.line)
  })

  let bytes = 0
  try {
    for await (const chunk of stream) {
      bytes += (chunk as Buffer).length
      parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer))
    }
    if (bytes === 0) throw new ImportError(`the file is empty: ${options.expected} was expected.`)
    parser.write(decoder.end())
    parser.close()
  } catch (error) {
    if (error instanceof ImportError) failure = error
    else throw error
  }
  if (failure) throw failure
  if (!sawRoot) throw new ImportError(`the file is empty: ${options.expected} was expected.`)
  return { records }
}
