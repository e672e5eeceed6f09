//! Files the renderer makes that are neither pages nor data: the
//! stylesheet of highlighted code (made by [`crate::highlight`]), and
//! where the stylesheet of "What changed" goes. The theme's own static
//! files are copied by the pipeline, not here.

pub use crate::highlight::syntax_css;

/// Where the stylesheet of "What changed" and of the change tags is
/// (written only when the dossier has editions).
pub const CHANGES_STYLESHEET: &str = "assets/changes.css";
