//! The relay chain of a claim (origin → relaying sources → articles) as a
//! list of columns, every node a link: plain HTML that the stylesheet lays
//! out in columns joined by arrows. It is on every claim page, so it is
//! kept small (a dossier of 100,000 claims has 100,000 of them).

use crate::i18n::{Messages, Msg};
use crate::markdown::escape_into;

/// A node of the relay chain.
pub struct Node<'a> {
    /// Text.
    pub label: &'a str,
    /// Link.
    pub href: String,
}

/// The chain origin → via → articles, as `<ol class="relay">`: one item
/// per column, its heading then its nodes.
pub fn relay_chain(
    m: &Messages,
    origin: &Node<'_>,
    via: &[Node<'_>],
    articles: &[Node<'_>],
) -> String {
    let mut s = String::with_capacity(160 + 120 * (1 + via.len() + articles.len()));
    s.push_str("<ol class=\"relay\">");
    let origin = std::slice::from_ref(origin);
    for (head, nodes) in [
        (Msg::RelayOrigin, origin),
        (Msg::RelayVia, via),
        (Msg::RelayArticles, articles),
    ] {
        if nodes.is_empty() {
            continue;
        }
        s.push_str("<li><b>");
        escape_into(&mut s, m.text(head));
        s.push_str("</b>");
        for node in nodes {
            s.push_str("<a href=\"");
            escape_into(&mut s, &node.href);
            s.push_str("\">");
            escape_into(&mut s, node.label);
            s.push_str("</a>");
        }
        s.push_str("</li>");
    }
    s.push_str("</ol>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_column_per_step_and_one_escaped_link_per_node() {
        let m = Messages::neutral();
        let node = |label, href: &str| Node {
            label,
            href: href.to_string(),
        };
        let html = relay_chain(
            m,
            &node("A & B", "../sources.html#source-ab"),
            &[node("Relay", "../sources.html#source-r")],
            &[
                node("One <1>", "../articles/one.html"),
                node("Two", "../articles/two.html"),
            ],
        );
        assert_eq!(
            html,
            "<ol class=\"relay\"><li><b>Origin</b><a href=\"../sources.html#source-ab\">A &amp; B</a></li>\
             <li><b>Relayed by</b><a href=\"../sources.html#source-r\">Relay</a></li>\
             <li><b>Articles</b><a href=\"../articles/one.html\">One &lt;1&gt;</a><a href=\"../articles/two.html\">Two</a></li></ol>"
        );
        let direct = relay_chain(m, &node("A", "a"), &[], &[node("B", "b")]);
        assert!(!direct.contains("Relayed by"), "{direct}");
    }
}
