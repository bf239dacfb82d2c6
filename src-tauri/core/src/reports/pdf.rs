//! Prints a [`Doc`] as an A4 PDF with printpdf: an embedded Unicode font (DejaVu
//! Sans, `assets/fonts`, subset on save), real text that `pdftotext` extracts,
//! tables that break across pages and repeat their header row, "page X / Y"
//! footers and the document metadata.
//!
//! Layout is two passes: the blocks are laid out into pages first, so that the
//! total is known when the footers are written.

use printpdf::{
    Color, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect,
    Rgb, TextItem,
};

use super::document::{printable, Block, Doc, Table};
use crate::error::{Error, Result};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 50.0;
const TOP: f32 = PAGE_H - 50.0;
const BOTTOM: f32 = 62.0;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN_X;
const BODY: f32 = 9.5;
const SMALL: f32 = 7.5;
const CELL: f32 = 8.0;
const PAD: f32 = 3.0;
/// A cell of no more characters than this (a date, an amount, a number) is
/// given the room to stand on one line where the table has it.
const SHORT_CELL: usize = 24;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
}

/// Glyph advances of the embedded fonts, for wrapping.
struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

impl Metrics {
    fn load() -> Result<Metrics> {
        let parse = |bytes: &'static [u8]| {
            ttf_parser::Face::parse(bytes, 0)
                .map_err(|e| Error::Internal(format!("the embedded font does not parse: {e}")))
        };
        Ok(Metrics { regular: parse(REGULAR)?, bold: parse(BOLD)? })
    }

    fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        let f = match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        };
        let fallback = f.glyph_index('?').and_then(|g| f.glyph_hor_advance(g)).unwrap_or(600);
        let units: u32 = text
            .chars()
            .map(|c| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g)).unwrap_or(fallback) as u32)
            .sum();
        units as f32 * size / f.units_per_em() as f32
    }

    /// Breaks `text` into lines no wider than `max`: at spaces, but never
    /// between a paragraph sign and its number nor inside a bracketed period
    /// ([`units`]), and inside a word that is wider than a line by itself.
    fn wrap(&self, text: &str, face: Face, size: f32, max: f32) -> Vec<String> {
        let mut lines = vec![];
        for paragraph in printable(text).split('\n') {
            let mut line = String::new();
            for word in units(paragraph) {
                let word = word.as_str();
                let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
                if self.width(&candidate, face, size) <= max {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in word.chars() {
                    line.push(c);
                    if self.width(&line, face, size) > max && line.chars().count() > 1 {
                        let last = line.pop().unwrap_or(c);
                        lines.push(std::mem::take(&mut line));
                        line.push(last);
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// The words of `paragraph` that a line may not break: a paragraph sign
/// stays with its number, before it ("7 kap. 2 §", as Swedish and Norwegian
/// write a statute) or after it ("§ 147 AO", "Bokføringsloven § 13"), and a
/// period in brackets with its unit ("(36 months)").
fn units(paragraph: &str) -> Vec<String> {
    let sign = |w: &str| !w.is_empty() && w.chars().all(|c| c == '§');
    let number = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    let words: Vec<&str> = paragraph.split(' ').collect();
    let mut out: Vec<String> = vec![];
    let mut i = 0;
    while i < words.len() {
        let (word, next) = (words[i], words.get(i + 1).copied());
        let period = word.strip_prefix('(').is_some_and(number) && next.is_some_and(|n| n.ends_with(')'));
        if (sign(word) && next.is_some_and(number)) || period {
            out.push(format!("{word} {}", next.unwrap_or_default()));
            i += 2;
            continue;
        }
        match out.last_mut() {
            Some(last) if sign(word.trim_end_matches([',', '.', ';', ')'])) && number(last) && !last.contains(' ') => {
                last.push(' ');
                last.push_str(word);
            }
            _ => out.push(word.to_owned()),
        }
        i += 1;
    }
    out
}

fn grey(level: f32) -> Color {
    Color::Rgb(Rgb { r: level, g: level, b: level, icc_profile: None })
}

fn ink() -> Color {
    Color::Rgb(Rgb { r: 0.12, g: 0.16, b: 0.22, icc_profile: None })
}

fn accent() -> Color {
    Color::Rgb(Rgb { r: 0.10, g: 0.30, b: 0.45, icc_profile: None })
}

/// Lays the blocks out into pages of drawing operations.
struct Layout<'a> {
    m: &'a Metrics,
    regular: PdfFontHandle,
    bold: PdfFontHandle,
    running_title: String,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'a> Layout<'a> {
    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("there is always a page")
    }

    fn new_page(&mut self) {
        self.pages.push(vec![]);
        self.y = TOP;
        if self.pages.len() > 1 {
            let title = self.running_title.clone();
            self.text(&title, MARGIN_X, TOP + 18.0, Face::Regular, SMALL, grey(0.45));
        }
    }

    /// Room for `height` more points on this page, or a new page.
    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    fn text(&mut self, s: &str, x: f32, baseline: f32, face: Face, size: f32, color: Color) {
        let font = if face == Face::Bold { self.bold.clone() } else { self.regular.clone() };
        let ops = self.ops();
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFillColor { col: color });
        ops.push(Op::SetFont { font, size: Pt(size) });
        ops.push(Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(baseline) } });
        ops.push(Op::ShowText { items: vec![TextItem::Text(s.to_owned())] });
        ops.push(Op::EndTextSection);
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, level: f32, thickness: f32) {
        let ops = self.ops();
        ops.push(Op::SetOutlineColor { col: grey(level) });
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint { p: Point { x: Pt(x1), y: Pt(y) }, bezier: false },
                    LinePoint { p: Point { x: Pt(x2), y: Pt(y) }, bezier: false },
                ],
                is_closed: false,
            },
        });
    }

    fn fill_rect(&mut self, x: f32, y_top: f32, w: f32, h: f32, level: f32) {
        let ops = self.ops();
        ops.push(Op::SetFillColor { col: grey(level) });
        ops.push(Op::DrawRectangle { rectangle: Rect::from_xywh(Pt(x), Pt(y_top - h), Pt(w), Pt(h)) });
    }

    /// Wrapped lines at the current position, breaking pages between lines.
    fn lines(&mut self, text: &str, face: Face, size: f32, color: Color, indent: f32, after: f32) {
        let lh = size * 1.35;
        for line in self.m.wrap(text, face, size, WIDTH - indent) {
            self.ensure(lh);
            self.y -= lh;
            self.text(&line, MARGIN_X + indent, self.y + size * 0.25, face, size, color.clone());
        }
        self.y -= after;
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Title(t) => self.lines(t, Face::Bold, 17.0, accent(), 0.0, 4.0),
            Block::Subtitle(t) => self.lines(t, Face::Regular, 10.5, grey(0.35), 0.0, 10.0),
            Block::Heading(t) => {
                // Keep a heading with at least three lines of what follows.
                self.ensure(12.5 * 1.35 + 8.0 + BODY * 4.0);
                self.y -= 8.0;
                self.lines(t, Face::Bold, 12.5, accent(), 0.0, 2.0);
                let y = self.y;
                self.rule(MARGIN_X, MARGIN_X + WIDTH, y, 0.75, 0.6);
                self.y -= 5.0;
            }
            Block::Paragraph(t) => self.lines(t, Face::Regular, BODY, ink(), 0.0, 5.0),
            Block::Note(t) => self.lines(t, Face::Regular, SMALL, grey(0.4), 0.0, 4.0),
            Block::Bullets(items) => {
                for item in items {
                    self.ensure(BODY * 1.35);
                    let y = self.y - BODY * 1.35 + BODY * 0.25;
                    self.text("•", MARGIN_X + 4.0, y, Face::Regular, BODY, ink());
                    self.lines(item, Face::Regular, BODY, ink(), 14.0, 1.5);
                }
                self.y -= 4.0;
            }
            Block::Fields(pairs) => {
                let label_w = WIDTH * 0.3;
                for (label, value) in pairs {
                    let lh = BODY * 1.35;
                    let label_lines = self.m.wrap(label, Face::Bold, BODY, label_w - 6.0);
                    let value_lines = self.m.wrap(value, Face::Regular, BODY, WIDTH - label_w);
                    for i in 0..label_lines.len().max(value_lines.len()) {
                        self.ensure(lh);
                        self.y -= lh;
                        let baseline = self.y + BODY * 0.25;
                        if let Some(l) = label_lines.get(i) {
                            self.text(l, MARGIN_X, baseline, Face::Bold, BODY, grey(0.3));
                        }
                        if let Some(v) = value_lines.get(i) {
                            self.text(v, MARGIN_X + label_w, baseline, Face::Regular, BODY, ink());
                        }
                    }
                }
                self.y -= 6.0;
            }
            Block::Table(t) => self.table(t),
        }
    }

    /// The columns' widths: their shares of the page, each widened to hold
    /// its short cells (an amount with its currency, a date: a few words) and
    /// the widest word of the others on one line, taking the room from columns
    /// with more than that, so that such a cell wraps, and a word breaks,
    /// only where no share of the page would hold it (a third of it, at most,
    /// goes to one column).
    fn column_widths(&self, t: &Table) -> Vec<f32> {
        let total: f32 = t.columns.iter().map(|(_, w)| w.max(0.1)).sum();
        let mut widths: Vec<f32> = t.columns.iter().map(|(_, w)| WIDTH * w.max(0.1) / total).collect();
        let widest_word = |text: &str, face: Face| {
            printable(text).split([' ', '\n']).map(|w| self.m.width(w, face, CELL)).fold(0.0_f32, f32::max)
        };
        let cell = |text: &str| match text.chars().count() <= SHORT_CELL && !text.contains('\n') {
            true => self.m.width(&printable(text), Face::Regular, CELL),
            false => widest_word(text, Face::Regular),
        };
        let need: Vec<f32> = t
            .columns
            .iter()
            .enumerate()
            .map(|(i, (title, _))| {
                let cells = t.rows.iter().filter_map(|r| r.get(i)).map(|c| cell(c));
                (cells.fold(widest_word(title, Face::Bold), f32::max) + 2.0 * PAD + 0.5).min(WIDTH / 3.0)
            })
            .collect();
        let short: f32 = widths.iter().zip(&need).map(|(w, n)| (n - w).max(0.0)).sum();
        let spare: f32 = widths.iter().zip(&need).map(|(w, n)| (w - n).max(0.0)).sum();
        if short <= 0.0 || spare <= 0.0 {
            return widths;
        }
        // Each short column gets its share of what can be given; each column
        // with room gives in proportion to its room.
        let given = short.min(spare);
        for (w, n) in widths.iter_mut().zip(&need) {
            if *n > *w {
                *w += (*n - *w) * given / short;
            } else {
                *w -= (*w - *n) * given / spare;
            }
        }
        widths
    }

    /// The header row's titles, each wrapped to its column.
    fn header_cells(&self, t: &Table, widths: &[f32]) -> Vec<Vec<String>> {
        t.columns
            .iter()
            .zip(widths)
            .map(|((title, _), w)| self.m.wrap(title, Face::Bold, CELL, w - 2.0 * PAD))
            .collect()
    }

    /// A row's cells, each wrapped to its column.
    fn row_cells(&self, row: &[String], widths: &[f32]) -> Vec<Vec<String>> {
        widths
            .iter()
            .enumerate()
            .map(|(i, w)| self.m.wrap(row.get(i).map(String::as_str).unwrap_or(""), Face::Regular, CELL, w - 2.0 * PAD))
            .collect()
    }

    fn header(&mut self, t: &Table, widths: &[f32]) {
        let lh = CELL * 1.3;
        let cells = self.header_cells(t, widths);
        let n = cells.iter().map(Vec::len).max().unwrap_or(1);
        let h = n as f32 * lh + 2.0 * PAD;
        let top = self.y;
        self.fill_rect(MARGIN_X, top, WIDTH, h, 0.91);
        let mut x = MARGIN_X;
        for (lines, w) in cells.iter().zip(widths) {
            for (i, line) in lines.iter().enumerate() {
                self.text(line, x + PAD, top - PAD - (i as f32 + 1.0) * lh + CELL * 0.3, Face::Bold, CELL, grey(0.2));
            }
            x += w;
        }
        self.y -= h;
    }

    fn table(&mut self, t: &Table) {
        let widths = self.column_widths(t);
        let lh = CELL * 1.3;
        // The header and the first row stay together: a header alone at the
        // foot of a page reads as an empty table. A first row taller than a
        // page is split anyway, so then its first line is enough.
        let lines = |cells: &[Vec<String>]| cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32;
        let header = lines(&self.header_cells(t, &widths)) * lh + 2.0 * PAD;
        let first = t.rows.first().map_or(1.0, |r| lines(&self.row_cells(r, &widths))) * lh + 2.0 * PAD;
        let whole = first <= TOP - BOTTOM - 40.0;
        self.ensure(header + if whole { first } else { lh + 2.0 * PAD } + 2.0);
        self.y -= 2.0;
        self.header(t, &widths);
        for row in &t.rows {
            let mut cells = self.row_cells(row, &widths);
            // A row taller than the room left is split; its rest goes on the next page.
            loop {
                let needed = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
                let room = ((self.y - BOTTOM - 2.0 * PAD) / lh).floor().max(0.0) as usize;
                if room == 0 || (needed > room && needed as f32 * lh + 2.0 * PAD <= TOP - BOTTOM - 40.0) {
                    self.new_page();
                    self.header(t, &widths);
                    continue;
                }
                let take = needed.min(room);
                let top = self.y;
                let mut x = MARGIN_X;
                for (lines, w) in cells.iter_mut().zip(&widths) {
                    let now: Vec<String> = lines.drain(..take.min(lines.len())).collect();
                    for (i, line) in now.iter().enumerate() {
                        self.text(
                            line,
                            x + PAD,
                            top - PAD - (i as f32 + 1.0) * lh + CELL * 0.3,
                            Face::Regular,
                            CELL,
                            ink(),
                        );
                    }
                    x += w;
                }
                self.y -= take as f32 * lh + 2.0 * PAD;
                let y = self.y;
                self.rule(MARGIN_X, MARGIN_X + WIDTH, y, 0.85, 0.4);
                if cells.iter().all(Vec::is_empty) {
                    break;
                }
                self.new_page();
                self.header(t, &widths);
            }
        }
        self.y -= 8.0;
    }
}

/// The PDF bytes of `doc`.
pub fn render(doc: &Doc) -> Result<Vec<u8>> {
    let metrics = Metrics::load()?;
    let mut pdf = PdfDocument::new(&doc.title);
    let mut warnings = vec![];
    let parse = |bytes: &[u8], warnings: &mut Vec<_>| {
        ParsedFont::from_bytes(bytes, 0, warnings)
            .ok_or_else(|| Error::Internal("the embedded font does not load".into()))
    };
    let regular = pdf.add_font(&parse(REGULAR, &mut warnings)?);
    let bold = pdf.add_font(&parse(BOLD, &mut warnings)?);
    let mut layout = Layout {
        m: &metrics,
        regular: PdfFontHandle::External(regular),
        bold: PdfFontHandle::External(bold),
        running_title: printable(&doc.title),
        pages: vec![],
        y: TOP,
    };
    layout.new_page();
    for b in &doc.blocks {
        layout.block(b);
    }
    let total = layout.pages.len();
    let note_lines = metrics.wrap(&doc.footer_note, Face::Regular, 6.5, WIDTH * 0.72);
    let mut pages = vec![];
    for (i, mut ops) in std::mem::take(&mut layout.pages).into_iter().enumerate() {
        layout.pages = vec![vec![]];
        layout.rule(MARGIN_X, MARGIN_X + WIDTH, 44.0, 0.8, 0.4);
        for (n, line) in note_lines.iter().take(2).enumerate() {
            layout.text(line, MARGIN_X, 34.0 - n as f32 * 8.0, Face::Regular, 6.5, grey(0.45));
        }
        let label = doc.page_label.replace("{page}", &(i + 1).to_string()).replace("{pages}", &total.to_string());
        let w = metrics.width(&label, Face::Regular, SMALL);
        layout.text(&label, MARGIN_X + WIDTH - w, 34.0, Face::Regular, SMALL, grey(0.3));
        ops.extend(layout.pages.pop().unwrap_or_default());
        pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
    }
    let info = &mut pdf.metadata.info;
    info.document_title = printable(&doc.title);
    info.author = printable(&doc.author);
    info.subject = printable(&doc.subject);
    info.creator = "Kundvakt".to_owned();
    info.producer = format!("Kundvakt {}", env!("CARGO_PKG_VERSION"));
    info.keywords = vec!["GDPR".to_owned(), doc.language.as_str().to_owned()];
    let created = printpdf::OffsetDateTime::from_unix_timestamp(doc.created.timestamp())
        .map_err(|e| Error::Internal(format!("PDF date: {e}")))?;
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;
    Ok(pdf.with_pages(pages).save(&PdfSaveOptions::default(), &mut vec![]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_within_the_width_and_loses_nothing() {
        let m = Metrics::load().expect("fonts");
        let text = format!("Åsa Öberg beställde {} och en ljusstake", "x".repeat(400));
        let lines = m.wrap(&text, Face::Regular, 9.0, 120.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| m.width(l, Face::Regular, 9.0) <= 120.0 + 0.01), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        assert_eq!(m.wrap("rad ett\nrad två", Face::Regular, 9.0, 500.0), vec!["rad ett", "rad två"]);
        assert_eq!(m.wrap("tab\there\u{7}", Face::Regular, 9.0, 500.0), vec!["tab here "]);
    }

    #[test]
    fn a_paragraph_sign_stays_with_its_number() {
        let m = Metrics::load().expect("fonts");
        let width = |s: &str| m.width(s, Face::Regular, 9.0);
        // Room for all but the sign: the number goes down with it.
        let rule = "Bokföringslagen (1999:1078) 7 kap. 2 §";
        let lines = m.wrap(rule, Face::Regular, 9.0, width("Bokföringslagen (1999:1078) 7 kap. 2"));
        assert_eq!(lines, ["Bokföringslagen (1999:1078) 7 kap.", "2 §"]);
        // Room for the sign on the first line, not for its number: both go down.
        let lines = m.wrap("Bokføringsloven § 13 første ledd", Face::Regular, 9.0, width("Bokføringsloven §"));
        assert_eq!(lines, ["Bokføringsloven", "§ 13 første ledd"]);
        assert_eq!(units("7 kap. 2 §, 3 §§; § x"), ["7", "kap.", "2 §,", "3 §§;", "§", "x"]);
        assert_eq!(units("§ och"), ["§", "och"]);
        assert_eq!(units("kundkonton (36 månader) och (x y)"), ["kundkonton", "(36 månader)", "och", "(x", "y)"]);
    }
}
