//! One module per page kind. Each holds what its template is given (the
//! context, built from the model, the analysis and the shared pieces of
//! [`super::view`]) and, for the pages and lists the default theme makes
//! by hand, the writer that stands in for the template:
//!
//! - [`index`], the front page;
//! - [`topic`], a topic, its claims by status, timeline, articles, sources
//!   and quantities;
//! - [`claim`], a claim, its evidence, figures, conflicts and support;
//! - [`article`], a source article, its marked-up text and the claims
//!   drawn from it;
//! - [`figures`], every quantity, its chart and table of figures;
//! - [`timeline`], claims in order of the events;
//! - [`pager`], long lists split over pages;
//! - [`sources`], originating sources and source articles;
//! - [`entities`], people, organisations and places, and a page for each;
//! - [`search`], the search page (its index is [`super::search_index`]);
//! - [`not_found`], the page for a missing path (`404.html`);
//! - [`changes`], what changed since the baseline edition (`changes.html`),
//!   when the dossier has editions.
//!
//! The data files (`claims.json`, CSV, feed, sitemap) are [`super::data`].

mod article;
pub use article::article_path;
pub(super) mod changes;
mod claim;
mod entities;
pub(super) mod figures;
mod index;
mod not_found;
pub(super) mod pager;
pub(super) mod parts;
mod search;
pub(super) mod sources;
mod timeline;
mod topic;

pub(super) use entities::ArticleMentions;
