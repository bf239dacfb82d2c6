//! A document as an HTML page: the privacy notice for the web shop's own
//! privacy page. Every text is escaped (a processor's name or a purpose
//! the shop wrote is text, never markup); the page needs nothing from
//! elsewhere, its few styles inline, so that it can be published as it is
//! or its `<main>` pasted into the web shop's page editor.

use std::fmt::Write;

use html_escape::encode_text as text;

use super::document::{Block, Doc};

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2733}\
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}\
dt{font-weight:600}dd{margin:0}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem;border-bottom:1px solid #d5dbe1}\
.subtitle{font-size:1.1rem;color:#4a5866}.note{font-size:.9rem;color:#4a5866}";

/// `doc` as a whole HTML page.
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"author\" content=\"{}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        doc.language,
        html_escape::encode_double_quoted_attribute(&doc.author),
        text(&doc.title)
    );
    for block in &doc.blocks {
        block_html(block, &mut out);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn block_html(block: &Block, out: &mut String) {
    // Writing to a String cannot fail.
    let _ = match block {
        Block::Title(t) => writeln!(out, "<h1>{}</h1>", text(t)),
        Block::Subtitle(t) => writeln!(out, "<p class=\"subtitle\">{}</p>", text(t)),
        Block::Heading(t) => writeln!(out, "<h2>{}</h2>", text(t)),
        Block::Paragraph(t) => writeln!(out, "<p>{}</p>", lines(t)),
        Block::Note(t) => writeln!(out, "<p class=\"note\">{}</p>", lines(t)),
        Block::Fields(pairs) => {
            out.push_str("<dl>\n");
            for (label, value) in pairs {
                let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", text(label), lines(value));
            }
            writeln!(out, "</dl>")
        }
        Block::Bullets(items) => {
            out.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", lines(item));
            }
            writeln!(out, "</ul>")
        }
        Block::Table(t) => {
            out.push_str("<table>\n<thead><tr>");
            for (title, _) in &t.columns {
                let _ = write!(out, "<th scope=\"col\">{}</th>", text(title));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in &t.rows {
                out.push_str("<tr>");
                for cell in row {
                    let _ = write!(out, "<td>{}</td>", lines(cell));
                }
                out.push_str("</tr>\n");
            }
            writeln!(out, "</tbody>\n</table>")
        }
    };
}

/// A text with its line breaks kept.
fn lines(t: &str) -> String {
    t.split('\n').map(|l| text(l).into_owned()).collect::<Vec<_>>().join("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::document::Table;
    use crate::values::Language;

    #[test]
    fn every_text_is_escaped_and_the_blocks_are_their_elements() {
        let mut table = Table::new(&[("Name", 1.0), ("Purpose", 1.0)]);
        table.rows.push(vec!["A & B <script>alert(1)</script>".into(), "line one\nline two".into()]);
        let doc = Doc {
            title: "Integritetspolicy för Lindqvists \"Hemslöjd\"".into(),
            subject: String::new(),
            author: "Lindqvists \"Hemslöjd\"".into(),
            language: Language::Sv,
            created: chrono::Utc::now(),
            footer_note: String::new(),
            page_label: String::new(),
            blocks: vec![
                Block::Title("Åsa <b>".into()),
                Block::Fields(vec![("E-post".into(), "a@b.se".into())]),
                Block::Bullets(vec!["få en kopia".into()]),
                Block::Table(table),
            ],
        };
        let page = render(&doc);
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"), "{page}");
        assert!(page.contains("<meta name=\"author\" content=\"Lindqvists &quot;Hemslöjd&quot;\">"), "{page}");
        assert!(page.contains("<h1>Åsa &lt;b&gt;</h1>"), "{page}");
        assert!(page.contains("<dt>E-post</dt><dd>a@b.se</dd>"), "{page}");
        assert!(page.contains("<li>få en kopia</li>"), "{page}");
        assert!(page.contains("<td>A &amp; B &lt;script&gt;alert(1)&lt;/script&gt;</td><td>line one<br>line two</td>"));
        assert!(!page.contains("<script>"), "{page}");
    }
}
