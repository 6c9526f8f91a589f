//! The ISO 4217 currencies the service accepts: the `currencies` table of migration 000004,
//! named in the API document so that a client knows them before it asks (a test keeps the
//! two lists equal).

use poem_openapi::Enum;

/// An accepted ISO 4217 currency code. Amounts in it are integers of its minor unit (cents
/// for EUR, yen for JPY).
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[oai(rename_all = "UPPERCASE")]
#[allow(missing_docs)]
pub enum Currency {
    Aud,
    Brl,
    Cad,
    Chf,
    Cny,
    Dkk,
    Eur,
    Gbp,
    Inr,
    Jpy,
    Mxn,
    Nok,
    Nzd,
    Pln,
    Sek,
    Usd,
    Zar,
}

impl Currency {
    /// Every accepted currency.
    pub const ALL: [Currency; 17] = [
        Currency::Aud,
        Currency::Brl,
        Currency::Cad,
        Currency::Chf,
        Currency::Cny,
        Currency::Dkk,
        Currency::Eur,
        Currency::Gbp,
        Currency::Inr,
        Currency::Jpy,
        Currency::Mxn,
        Currency::Nok,
        Currency::Nzd,
        Currency::Pln,
        Currency::Sek,
        Currency::Usd,
        Currency::Zar,
    ];

    /// The three-letter code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Aud => "AUD",
            Currency::Brl => "BRL",
            Currency::Cad => "CAD",
            Currency::Chf => "CHF",
            Currency::Cny => "CNY",
            Currency::Dkk => "DKK",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Inr => "INR",
            Currency::Jpy => "JPY",
            Currency::Mxn => "MXN",
            Currency::Nok => "NOK",
            Currency::Nzd => "NZD",
            Currency::Pln => "PLN",
            Currency::Sek => "SEK",
            Currency::Usd => "USD",
            Currency::Zar => "ZAR",
        }
    }
}
