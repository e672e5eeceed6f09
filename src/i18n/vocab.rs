//! The words of the model's closed vocabularies (grades, kinds of sources,
//! figure statuses, likelihoods, confidence, kinds of entities) as
//! messages.

use super::{Messages, Msg};
use crate::model::{
    Confidence, Credibility, EntityKind, FigureStatus, Likelihood, Reliability, SourceKind,
};

impl Messages {
    /// What a source reliability grade means ("usually reliable").
    pub fn reliability(&self, r: Reliability) -> &str {
        self.text(match r.0 {
            b'A' => Msg::ReliabilityA,
            b'B' => Msg::ReliabilityB,
            b'C' => Msg::ReliabilityC,
            b'D' => Msg::ReliabilityD,
            b'E' => Msg::ReliabilityE,
            _ => Msg::ReliabilityF,
        })
    }

    /// What an information credibility grade means ("probably true").
    pub fn credibility(&self, c: Credibility) -> &str {
        self.text(match c.0 {
            1 => Msg::Credibility1,
            2 => Msg::Credibility2,
            3 => Msg::Credibility3,
            4 => Msg::Credibility4,
            5 => Msg::Credibility5,
            _ => Msg::Credibility6,
        })
    }

    /// A kind of source ("State media").
    pub fn source_kind(&self, k: SourceKind) -> &str {
        self.text(match k {
            SourceKind::Government => Msg::SourceKindGovernment,
            SourceKind::Intelligence => Msg::SourceKindIntelligence,
            SourceKind::StateMedia => Msg::SourceKindStateMedia,
            SourceKind::Media => Msg::SourceKindMedia,
            SourceKind::Ngo => Msg::SourceKindNgo,
            SourceKind::Other => Msg::SourceKindOther,
        })
    }

    /// A kind of entity ("Person").
    pub fn entity_kind(&self, k: EntityKind) -> &str {
        self.text(match k {
            EntityKind::Person => Msg::EntityKindPerson,
            EntityKind::Organisation => Msg::EntityKindOrganisation,
            EntityKind::Place => Msg::EntityKindPlace,
            EntityKind::Other => Msg::EntityKindOther,
        })
    }

    /// The heading of a group of entities of a kind ("People").
    pub fn entity_group(&self, k: EntityKind) -> &str {
        self.text(match k {
            EntityKind::Person => Msg::EntityGroupPerson,
            EntityKind::Organisation => Msg::EntityGroupOrganisation,
            EntityKind::Place => Msg::EntityGroupPlace,
            EntityKind::Other => Msg::EntityGroupOther,
        })
    }

    /// What a figure counts ("reported", "planned").
    pub fn figure_status(&self, s: FigureStatus) -> &str {
        self.text(match s {
            FigureStatus::Reported => Msg::FigureStatusReported,
            FigureStatus::Announced => Msg::FigureStatusAnnounced,
            FigureStatus::Planned => Msg::FigureStatusPlanned,
            FigureStatus::Estimated => Msg::FigureStatusEstimated,
        })
    }

    /// A likelihood in words ("Very likely") and its band ("80–95 %").
    pub fn likelihood(&self, l: Likelihood) -> (&str, &str) {
        let (words, band) = match l {
            Likelihood::AlmostNoChance => (Msg::LikelihoodAlmostNoChance, Msg::BandAlmostNoChance),
            Likelihood::VeryUnlikely => (Msg::LikelihoodVeryUnlikely, Msg::BandVeryUnlikely),
            Likelihood::Unlikely => (Msg::LikelihoodUnlikely, Msg::BandUnlikely),
            Likelihood::RoughlyEvenChance => {
                (Msg::LikelihoodRoughlyEvenChance, Msg::BandRoughlyEvenChance)
            }
            Likelihood::Likely => (Msg::LikelihoodLikely, Msg::BandLikely),
            Likelihood::VeryLikely => (Msg::LikelihoodVeryLikely, Msg::BandVeryLikely),
            Likelihood::AlmostCertain => (Msg::LikelihoodAlmostCertain, Msg::BandAlmostCertain),
        };
        (self.text(words), self.text(band))
    }

    /// Analytic confidence ("Moderate confidence").
    pub fn confidence(&self, c: Confidence) -> &str {
        self.text(match c {
            Confidence::Low => Msg::ConfidenceLow,
            Confidence::Moderate => Msg::ConfidenceModerate,
            Confidence::High => Msg::ConfidenceHigh,
        })
    }

    /// A date at its precision ("17 June 2025", "juin 2025", "2025").
    pub fn date(&self, d: &crate::model::PartialDate) -> std::sync::Arc<str> {
        self.cldr.date(i32::from(d.year), d.month, d.day)
    }

    /// [`Messages::date`] with the month abbreviated ("17 Jun 2025",
    /// "juil. 2025"), where room is short.
    pub fn short_date(&self, d: &crate::model::PartialDate) -> std::sync::Arc<str> {
        self.cldr.short_date(i32::from(d.year), d.month, d.day)
    }
}
