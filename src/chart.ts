// The weekly picture: tickets per day stacked by status, and tickets per category, as a PNG a
// phone shows full-width. Drawn as SVG and rendered in-process by resvg (a Rust renderer shipped
// as an npm binary). No system font is used: labels are set in Noto Sans (GB2312 subset) from the
// @embedpdf/fonts-sc package, so a fresh machine renders the same picture. Glyphs are turned into
// SVG paths here (opentype.js, parsed once per process, each glyph's outline cached): resvg's own
// text layout re-reads the 8 MB CJK font for every label, ~10 ms each.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { Resvg } from '@resvg/resvg-js'
import opentype from 'opentype.js'

export const CHART_WIDTH = 1080
export const CHART_HEIGHT = 1440

export interface ChartSeries {
  name: string
  color: string
}

export interface WeekChart {
  title: string
  subtitle: string
  dayPanel: string
  categoryPanel: string
  series: ChartSeries[]
  /** One entry a day: its two-line label and a count per series. */
  days: { label: [string, string]; counts: number[] }[]
  categories: [string, number][]
  /** Shown instead of bars when a panel has nothing. */
  empty: string
}

let fontFile: string | undefined

/** The bundled CJK font (resolved once; its package only exports its JS entry). */
export function chartFont(): string {
  if (!fontFile) {
    const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')
    fontFile = path.join(path.dirname(entry), '..', 'fonts', 'NotoSansHans-Regular.otf')
    if (!fs.existsSync(fontFile)) throw new Error(`chart font missing: ${fontFile} (run npm install)`)
  }
  return fontFile
}

let font: opentype.Font | undefined
const glyphs = new Map<string, { id: string; d: string; advance: number }>()

function chartFontFace(): opentype.Font {
  if (!font) {
    const buf = fs.readFileSync(chartFont())
    font = opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer)
  }
  return font
}

/** A character's outline in font units (y down), drawn once per process. */
function glyph(ch: string): { id: string; d: string; advance: number } {
  let g = glyphs.get(ch)
  if (!g) {
    const f = chartFontFace()
    const gl = f.charToGlyph(ch)
    const missing = gl.index === 0 && ch.trim() !== ''
    g = {
      id: `g${glyphs.size}`,
      d: missing ? '' : gl.getPath(0, 0, f.unitsPerEm).toPathData(1),
      advance: missing ? f.unitsPerEm / 2 : gl.advanceWidth ?? f.unitsPerEm / 2,
    }
    glyphs.set(ch, g)
  }
  return g
}

/** Collects the glyphs a picture uses, so each outline is in the SVG once. */
class Glyphs {
  private used = new Set<string>()

  text(x: number, y: number, s: string, size: number, o: { anchor?: 'start' | 'middle' | 'end'; fill?: string } = {}): string {
    const scale = size / chartFontFace().unitsPerEm
    const gs = [...s].map(glyph)
    const width = gs.reduce((w, g) => w + g.advance, 0) * scale
    let cx = o.anchor === 'middle' ? x - width / 2 : o.anchor === 'end' ? x - width : x
    const uses: string[] = []
    for (const g of gs) {
      if (g.d) {
        this.used.add(g.id)
        uses.push(`<use href="#${g.id}" transform="translate(${cx.toFixed(1)} ${y}) scale(${scale.toFixed(4)})"/>`)
      }
      cx += g.advance * scale
    }
    return `<g fill="${o.fill ?? '#222'}">${uses.join('')}</g>`
  }

  defs(): string {
    const ds = [...glyphs.values()].filter(g => this.used.has(g.id)).map(g => `<path id="${g.id}" d="${g.d}"/>`)
    return `<defs>${ds.join('')}</defs>`
  }
}

export function renderSvg(svg: string, width = CHART_WIDTH): Buffer {
  // Text arrives as paths; no font lookup, and never the host's fonts.
  const r = new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } })
  return r.render().asPng()
}

export function renderWeekChart(c: WeekChart): Buffer {
  return renderSvg(weekChartSvg(c))
}

/** A round axis maximum with 4 steps: 7 → 8, 23 → 24, 130 → 160. */
function niceMax(n: number): number {
  if (n <= 4) return 4
  const step = Math.ceil(n / 4)
  const mag = 10 ** Math.floor(Math.log10(step))
  const nice = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= step) ?? step
  return nice * 4
}

export function weekChartSvg(c: WeekChart): string {
  const W = CHART_WIDTH
  const H = CHART_HEIGHT
  const g = new Glyphs()
  const text = g.text.bind(g)
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    text(60, 84, c.title, 52),
    text(60, 140, c.subtitle, 32, { fill: '#666' }),
  ]

  // Panel 1: tickets per day, stacked by status.
  out.push(text(60, 220, c.dayPanel, 36))
  let lx = 60
  for (const s of c.series) {
    out.push(`<rect x="${lx}" y="246" width="28" height="28" rx="4" fill="${s.color}"/>`, text(lx + 38, 272, s.name, 28))
    lx += 38 + s.name.length * 30 + 40
  }
  const top = 330
  const bottom = 800
  const left = 130
  const right = W - 50
  const max = niceMax(Math.max(0, ...c.days.map(d => d.counts.reduce((a, b) => a + b, 0))))
  for (let i = 0; i <= 4; i++) {
    const y = bottom - ((bottom - top) * i) / 4
    out.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="${i === 0 ? '#888' : '#e3e3e3'}" stroke-width="2"/>`)
    out.push(text(left - 16, y + 10, String((max * i) / 4), 28, { anchor: 'end', fill: '#666' }))
  }
  const slot = (right - left) / Math.max(1, c.days.length)
  const barW = Math.min(96, slot * 0.62)
  c.days.forEach((d, i) => {
    const cx = left + slot * i + slot / 2
    let y = bottom
    d.counts.forEach((n, si) => {
      if (n <= 0) return
      const h = ((bottom - top) * n) / max
      y -= h
      out.push(`<rect x="${(cx - barW / 2).toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${c.series[si]?.color ?? '#999'}"/>`)
    })
    const total = d.counts.reduce((a, b) => a + b, 0)
    if (total > 0) out.push(text(cx, y - 12, String(total), 32, { anchor: 'middle' }))
    out.push(text(cx, bottom + 44, d.label[0], 30, { anchor: 'middle' }), text(cx, bottom + 82, d.label[1], 28, { anchor: 'middle', fill: '#666' }))
  })

  // Panel 2: tickets per category, longest bar first.
  const p2 = 960
  out.push(text(60, p2, c.categoryPanel, 36))
  const cats = c.categories.slice(0, 13)
  if (cats.length === 0) {
    out.push(text(W / 2, p2 + 120, c.empty, 32, { anchor: 'middle', fill: '#888' }))
  } else {
    const rowH = Math.min(64, (H - 40 - (p2 + 30)) / cats.length)
    const labelRight = 300
    const barMax = W - 60 - 90 - labelRight - 20
    const cmax = Math.max(...cats.map(([, n]) => n))
    cats.forEach(([name, n], i) => {
      const y = p2 + 30 + rowH * i
      const w = Math.max(4, (barMax * n) / cmax)
      const size = Math.min(32, rowH * 0.6)
      out.push(text(labelRight, y + rowH / 2 + size * 0.35, name, size, { anchor: 'end' }))
      out.push(`<rect x="${labelRight + 20}" y="${(y + rowH * 0.15).toFixed(1)}" width="${w.toFixed(1)}" height="${(rowH * 0.7).toFixed(1)}" rx="6" fill="#3b75af"/>`)
      out.push(text(labelRight + 20 + w + 14, y + rowH / 2 + size * 0.35, String(n), size))
    })
  }
  out.splice(2, 0, g.defs())
  out.push('</svg>')
  return out.join('\n')
}
