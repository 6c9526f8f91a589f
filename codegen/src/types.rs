// This file was generated with `cornucopia`. Do not modify.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum UserRole {
    Customer,
    Admin,
    Staff,
    Integrations,
}
impl<'a> postgres_types::ToSql for UserRole {
    fn to_sql(
        &self,
        ty: &postgres_types::Type,
        buf: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let s = match *self {
            UserRole::Customer => "customer",
            UserRole::Admin => "admin",
            UserRole::Staff => "staff",
            UserRole::Integrations => "integrations",
        };
        buf.extend_from_slice(s.as_bytes());
        std::result::Result::Ok(postgres_types::IsNull::No)
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "user_role" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 4 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "customer" => true,
                    "admin" => true,
                    "staff" => true,
                    "integrations" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
    fn to_sql_checked(
        &self,
        ty: &postgres_types::Type,
        out: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        postgres_types::__to_sql_checked(self, ty, out)
    }
}
impl<'a> postgres_types::FromSql<'a> for UserRole {
    fn from_sql(
        ty: &postgres_types::Type,
        buf: &'a [u8],
    ) -> Result<UserRole, Box<dyn std::error::Error + Sync + Send>> {
        match std::str::from_utf8(buf)? {
            "customer" => Ok(UserRole::Customer),
            "admin" => Ok(UserRole::Admin),
            "staff" => Ok(UserRole::Staff),
            "integrations" => Ok(UserRole::Integrations),
            s => Result::Err(Into::into(format!("invalid variant `{}`", s))),
        }
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "user_role" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 4 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "customer" => true,
                    "admin" => true,
                    "staff" => true,
                    "integrations" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum BookingStatus {
    Pending,
    Confirmed,
    Cancelled,
    Expired,
}
impl<'a> postgres_types::ToSql for BookingStatus {
    fn to_sql(
        &self,
        ty: &postgres_types::Type,
        buf: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let s = match *self {
            BookingStatus::Pending => "pending",
            BookingStatus::Confirmed => "confirmed",
            BookingStatus::Cancelled => "cancelled",
            BookingStatus::Expired => "expired",
        };
        buf.extend_from_slice(s.as_bytes());
        std::result::Result::Ok(postgres_types::IsNull::No)
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "booking_status" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 4 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "pending" => true,
                    "confirmed" => true,
                    "cancelled" => true,
                    "expired" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
    fn to_sql_checked(
        &self,
        ty: &postgres_types::Type,
        out: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        postgres_types::__to_sql_checked(self, ty, out)
    }
}
impl<'a> postgres_types::FromSql<'a> for BookingStatus {
    fn from_sql(
        ty: &postgres_types::Type,
        buf: &'a [u8],
    ) -> Result<BookingStatus, Box<dyn std::error::Error + Sync + Send>> {
        match std::str::from_utf8(buf)? {
            "pending" => Ok(BookingStatus::Pending),
            "confirmed" => Ok(BookingStatus::Confirmed),
            "cancelled" => Ok(BookingStatus::Cancelled),
            "expired" => Ok(BookingStatus::Expired),
            s => Result::Err(Into::into(format!("invalid variant `{}`", s))),
        }
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "booking_status" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 4 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "pending" => true,
                    "confirmed" => true,
                    "cancelled" => true,
                    "expired" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum SeatCategory {
    Standard,
    Premium,
    Wheelchair,
    Companion,
}
impl<'a> postgres_types::ToSql for SeatCategory {
    fn to_sql(
        &self,
        ty: &postgres_types::Type,
        buf: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let s = match *self {
            SeatCategory::Standard => "standard",
            SeatCategory::Premium => "premium",
            SeatCategory::Wheelchair => "wheelchair",
            SeatCategory::Companion => "companion",
        };
        buf.extend_from_slice(s.as_bytes());
        std::result::Result::Ok(postgres_types::IsNull::No)
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "seat_category" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 4 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "standard" => true,
                    "premium" => true,
                    "wheelchair" => true,
                    "companion" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
    fn to_sql_checked(
        &self,
        ty: &postgres_types::Type,
        out: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        postgres_types::__to_sql_checked(self, ty, out)
    }
}
impl<'a> postgres_types::FromSql<'a> for SeatCategory {
    fn from_sql(
        ty: &postgres_types::Type,
        buf: &'a [u8],
    ) -> Result<SeatCategory, Box<dyn std::error::Error + Sync + Send>> {
        match std::str::from_utf8(buf)? {
            "standard" => Ok(SeatCategory::Standard),
            "premium" => Ok(SeatCategory::Premium),
            "wheelchair" => Ok(SeatCategory::Wheelchair),
            "companion" => Ok(SeatCategory::Companion),
            s => Result::Err(Into::into(format!("invalid variant `{}`", s))),
        }
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "seat_category" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 4 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "standard" => true,
                    "premium" => true,
                    "wheelchair" => true,
                    "companion" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum TicketType {
    Adult,
    Child,
    Senior,
    Student,
}
impl<'a> postgres_types::ToSql for TicketType {
    fn to_sql(
        &self,
        ty: &postgres_types::Type,
        buf: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let s = match *self {
            TicketType::Adult => "adult",
            TicketType::Child => "child",
            TicketType::Senior => "senior",
            TicketType::Student => "student",
        };
        buf.extend_from_slice(s.as_bytes());
        std::result::Result::Ok(postgres_types::IsNull::No)
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "ticket_type" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 4 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "adult" => true,
                    "child" => true,
                    "senior" => true,
                    "student" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
    fn to_sql_checked(
        &self,
        ty: &postgres_types::Type,
        out: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        postgres_types::__to_sql_checked(self, ty, out)
    }
}
impl<'a> postgres_types::FromSql<'a> for TicketType {
    fn from_sql(
        ty: &postgres_types::Type,
        buf: &'a [u8],
    ) -> Result<TicketType, Box<dyn std::error::Error + Sync + Send>> {
        match std::str::from_utf8(buf)? {
            "adult" => Ok(TicketType::Adult),
            "child" => Ok(TicketType::Child),
            "senior" => Ok(TicketType::Senior),
            "student" => Ok(TicketType::Student),
            s => Result::Err(Into::into(format!("invalid variant `{}`", s))),
        }
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "ticket_type" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 4 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "adult" => true,
                    "child" => true,
                    "senior" => true,
                    "student" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum CardPaymentStatus {
    RequiresPaymentMethod,
    RequiresAction,
    Processing,
    Succeeded,
    Failed,
    PartiallyRefunded,
    Refunded,
}
impl<'a> postgres_types::ToSql for CardPaymentStatus {
    fn to_sql(
        &self,
        ty: &postgres_types::Type,
        buf: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let s = match *self {
            CardPaymentStatus::RequiresPaymentMethod => "requires_payment_method",
            CardPaymentStatus::RequiresAction => "requires_action",
            CardPaymentStatus::Processing => "processing",
            CardPaymentStatus::Succeeded => "succeeded",
            CardPaymentStatus::Failed => "failed",
            CardPaymentStatus::PartiallyRefunded => "partially_refunded",
            CardPaymentStatus::Refunded => "refunded",
        };
        buf.extend_from_slice(s.as_bytes());
        std::result::Result::Ok(postgres_types::IsNull::No)
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "card_payment_status" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 7 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "requires_payment_method" => true,
                    "requires_action" => true,
                    "processing" => true,
                    "succeeded" => true,
                    "failed" => true,
                    "partially_refunded" => true,
                    "refunded" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
    fn to_sql_checked(
        &self,
        ty: &postgres_types::Type,
        out: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        postgres_types::__to_sql_checked(self, ty, out)
    }
}
impl<'a> postgres_types::FromSql<'a> for CardPaymentStatus {
    fn from_sql(
        ty: &postgres_types::Type,
        buf: &'a [u8],
    ) -> Result<CardPaymentStatus, Box<dyn std::error::Error + Sync + Send>> {
        match std::str::from_utf8(buf)? {
            "requires_payment_method" => Ok(CardPaymentStatus::RequiresPaymentMethod),
            "requires_action" => Ok(CardPaymentStatus::RequiresAction),
            "processing" => Ok(CardPaymentStatus::Processing),
            "succeeded" => Ok(CardPaymentStatus::Succeeded),
            "failed" => Ok(CardPaymentStatus::Failed),
            "partially_refunded" => Ok(CardPaymentStatus::PartiallyRefunded),
            "refunded" => Ok(CardPaymentStatus::Refunded),
            s => Result::Err(Into::into(format!("invalid variant `{}`", s))),
        }
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "card_payment_status" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 7 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "requires_payment_method" => true,
                    "requires_action" => true,
                    "processing" => true,
                    "succeeded" => true,
                    "failed" => true,
                    "partially_refunded" => true,
                    "refunded" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum CardRefundStatus {
    Pending,
    Succeeded,
    Failed,
}
impl<'a> postgres_types::ToSql for CardRefundStatus {
    fn to_sql(
        &self,
        ty: &postgres_types::Type,
        buf: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let s = match *self {
            CardRefundStatus::Pending => "pending",
            CardRefundStatus::Succeeded => "succeeded",
            CardRefundStatus::Failed => "failed",
        };
        buf.extend_from_slice(s.as_bytes());
        std::result::Result::Ok(postgres_types::IsNull::No)
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "card_refund_status" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 3 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "pending" => true,
                    "succeeded" => true,
                    "failed" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
    fn to_sql_checked(
        &self,
        ty: &postgres_types::Type,
        out: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        postgres_types::__to_sql_checked(self, ty, out)
    }
}
impl<'a> postgres_types::FromSql<'a> for CardRefundStatus {
    fn from_sql(
        ty: &postgres_types::Type,
        buf: &'a [u8],
    ) -> Result<CardRefundStatus, Box<dyn std::error::Error + Sync + Send>> {
        match std::str::from_utf8(buf)? {
            "pending" => Ok(CardRefundStatus::Pending),
            "succeeded" => Ok(CardRefundStatus::Succeeded),
            "failed" => Ok(CardRefundStatus::Failed),
            s => Result::Err(Into::into(format!("invalid variant `{}`", s))),
        }
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "card_refund_status" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 3 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "pending" => true,
                    "succeeded" => true,
                    "failed" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum AccountKind {
    User,
    Cash,
    Revenue,
    Clearing,
}
impl<'a> postgres_types::ToSql for AccountKind {
    fn to_sql(
        &self,
        ty: &postgres_types::Type,
        buf: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let s = match *self {
            AccountKind::User => "user",
            AccountKind::Cash => "cash",
            AccountKind::Revenue => "revenue",
            AccountKind::Clearing => "clearing",
        };
        buf.extend_from_slice(s.as_bytes());
        std::result::Result::Ok(postgres_types::IsNull::No)
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "account_kind" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 4 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "user" => true,
                    "cash" => true,
                    "revenue" => true,
                    "clearing" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
    fn to_sql_checked(
        &self,
        ty: &postgres_types::Type,
        out: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        postgres_types::__to_sql_checked(self, ty, out)
    }
}
impl<'a> postgres_types::FromSql<'a> for AccountKind {
    fn from_sql(
        ty: &postgres_types::Type,
        buf: &'a [u8],
    ) -> Result<AccountKind, Box<dyn std::error::Error + Sync + Send>> {
        match std::str::from_utf8(buf)? {
            "user" => Ok(AccountKind::User),
            "cash" => Ok(AccountKind::Cash),
            "revenue" => Ok(AccountKind::Revenue),
            "clearing" => Ok(AccountKind::Clearing),
            s => Result::Err(Into::into(format!("invalid variant `{}`", s))),
        }
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "account_kind" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 4 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "user" => true,
                    "cash" => true,
                    "revenue" => true,
                    "clearing" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum ScanOutcome {
    Admitted,
    AlreadyCheckedIn,
    TicketVoid,
    WrongScreening,
    InvalidTicket,
}
impl<'a> postgres_types::ToSql for ScanOutcome {
    fn to_sql(
        &self,
        ty: &postgres_types::Type,
        buf: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let s = match *self {
            ScanOutcome::Admitted => "admitted",
            ScanOutcome::AlreadyCheckedIn => "already_checked_in",
            ScanOutcome::TicketVoid => "ticket_void",
            ScanOutcome::WrongScreening => "wrong_screening",
            ScanOutcome::InvalidTicket => "invalid_ticket",
        };
        buf.extend_from_slice(s.as_bytes());
        std::result::Result::Ok(postgres_types::IsNull::No)
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "scan_outcome" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 5 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "admitted" => true,
                    "already_checked_in" => true,
                    "ticket_void" => true,
                    "wrong_screening" => true,
                    "invalid_ticket" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
    fn to_sql_checked(
        &self,
        ty: &postgres_types::Type,
        out: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        postgres_types::__to_sql_checked(self, ty, out)
    }
}
impl<'a> postgres_types::FromSql<'a> for ScanOutcome {
    fn from_sql(
        ty: &postgres_types::Type,
        buf: &'a [u8],
    ) -> Result<ScanOutcome, Box<dyn std::error::Error + Sync + Send>> {
        match std::str::from_utf8(buf)? {
            "admitted" => Ok(ScanOutcome::Admitted),
            "already_checked_in" => Ok(ScanOutcome::AlreadyCheckedIn),
            "ticket_void" => Ok(ScanOutcome::TicketVoid),
            "wrong_screening" => Ok(ScanOutcome::WrongScreening),
            "invalid_ticket" => Ok(ScanOutcome::InvalidTicket),
            s => Result::Err(Into::into(format!("invalid variant `{}`", s))),
        }
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "scan_outcome" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 5 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "admitted" => true,
                    "already_checked_in" => true,
                    "ticket_void" => true,
                    "wrong_screening" => true,
                    "invalid_ticket" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum OrderStatus {
    Pending,
    Confirmed,
    Cancelled,
}
impl<'a> postgres_types::ToSql for OrderStatus {
    fn to_sql(
        &self,
        ty: &postgres_types::Type,
        buf: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let s = match *self {
            OrderStatus::Pending => "pending",
            OrderStatus::Confirmed => "confirmed",
            OrderStatus::Cancelled => "cancelled",
        };
        buf.extend_from_slice(s.as_bytes());
        std::result::Result::Ok(postgres_types::IsNull::No)
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "order_status" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 3 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "pending" => true,
                    "confirmed" => true,
                    "cancelled" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
    fn to_sql_checked(
        &self,
        ty: &postgres_types::Type,
        out: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        postgres_types::__to_sql_checked(self, ty, out)
    }
}
impl<'a> postgres_types::FromSql<'a> for OrderStatus {
    fn from_sql(
        ty: &postgres_types::Type,
        buf: &'a [u8],
    ) -> Result<OrderStatus, Box<dyn std::error::Error + Sync + Send>> {
        match std::str::from_utf8(buf)? {
            "pending" => Ok(OrderStatus::Pending),
            "confirmed" => Ok(OrderStatus::Confirmed),
            "cancelled" => Ok(OrderStatus::Cancelled),
            s => Result::Err(Into::into(format!("invalid variant `{}`", s))),
        }
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "order_status" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 3 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "pending" => true,
                    "confirmed" => true,
                    "cancelled" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum PaymentStatus {
    Completed,
    Refunded,
}
impl<'a> postgres_types::ToSql for PaymentStatus {
    fn to_sql(
        &self,
        ty: &postgres_types::Type,
        buf: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let s = match *self {
            PaymentStatus::Completed => "completed",
            PaymentStatus::Refunded => "refunded",
        };
        buf.extend_from_slice(s.as_bytes());
        std::result::Result::Ok(postgres_types::IsNull::No)
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "payment_status" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 2 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "completed" => true,
                    "refunded" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
    fn to_sql_checked(
        &self,
        ty: &postgres_types::Type,
        out: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        postgres_types::__to_sql_checked(self, ty, out)
    }
}
impl<'a> postgres_types::FromSql<'a> for PaymentStatus {
    fn from_sql(
        ty: &postgres_types::Type,
        buf: &'a [u8],
    ) -> Result<PaymentStatus, Box<dyn std::error::Error + Sync + Send>> {
        match std::str::from_utf8(buf)? {
            "completed" => Ok(PaymentStatus::Completed),
            "refunded" => Ok(PaymentStatus::Refunded),
            s => Result::Err(Into::into(format!("invalid variant `{}`", s))),
        }
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "payment_status" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 2 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "completed" => true,
                    "refunded" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum WaitingListStatus {
    Waiting,
    Offered,
    Accepted,
    Expired,
    Cancelled,
}
impl<'a> postgres_types::ToSql for WaitingListStatus {
    fn to_sql(
        &self,
        ty: &postgres_types::Type,
        buf: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let s = match *self {
            WaitingListStatus::Waiting => "waiting",
            WaitingListStatus::Offered => "offered",
            WaitingListStatus::Accepted => "accepted",
            WaitingListStatus::Expired => "expired",
            WaitingListStatus::Cancelled => "cancelled",
        };
        buf.extend_from_slice(s.as_bytes());
        std::result::Result::Ok(postgres_types::IsNull::No)
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "waiting_list_status" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 5 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "waiting" => true,
                    "offered" => true,
                    "accepted" => true,
                    "expired" => true,
                    "cancelled" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
    fn to_sql_checked(
        &self,
        ty: &postgres_types::Type,
        out: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        postgres_types::__to_sql_checked(self, ty, out)
    }
}
impl<'a> postgres_types::FromSql<'a> for WaitingListStatus {
    fn from_sql(
        ty: &postgres_types::Type,
        buf: &'a [u8],
    ) -> Result<WaitingListStatus, Box<dyn std::error::Error + Sync + Send>> {
        match std::str::from_utf8(buf)? {
            "waiting" => Ok(WaitingListStatus::Waiting),
            "offered" => Ok(WaitingListStatus::Offered),
            "accepted" => Ok(WaitingListStatus::Accepted),
            "expired" => Ok(WaitingListStatus::Expired),
            "cancelled" => Ok(WaitingListStatus::Cancelled),
            s => Result::Err(Into::into(format!("invalid variant `{}`", s))),
        }
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "waiting_list_status" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 5 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "waiting" => true,
                    "offered" => true,
                    "accepted" => true,
                    "expired" => true,
                    "cancelled" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum WebhookDeliveryStatus {
    Pending,
    Delivered,
    Dead,
}
impl<'a> postgres_types::ToSql for WebhookDeliveryStatus {
    fn to_sql(
        &self,
        ty: &postgres_types::Type,
        buf: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let s = match *self {
            WebhookDeliveryStatus::Pending => "pending",
            WebhookDeliveryStatus::Delivered => "delivered",
            WebhookDeliveryStatus::Dead => "dead",
        };
        buf.extend_from_slice(s.as_bytes());
        std::result::Result::Ok(postgres_types::IsNull::No)
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "webhook_delivery_status" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 3 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "pending" => true,
                    "delivered" => true,
                    "dead" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
    fn to_sql_checked(
        &self,
        ty: &postgres_types::Type,
        out: &mut postgres_types::private::BytesMut,
    ) -> Result<postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        postgres_types::__to_sql_checked(self, ty, out)
    }
}
impl<'a> postgres_types::FromSql<'a> for WebhookDeliveryStatus {
    fn from_sql(
        ty: &postgres_types::Type,
        buf: &'a [u8],
    ) -> Result<WebhookDeliveryStatus, Box<dyn std::error::Error + Sync + Send>> {
        match std::str::from_utf8(buf)? {
            "pending" => Ok(WebhookDeliveryStatus::Pending),
            "delivered" => Ok(WebhookDeliveryStatus::Delivered),
            "dead" => Ok(WebhookDeliveryStatus::Dead),
            s => Result::Err(Into::into(format!("invalid variant `{}`", s))),
        }
    }
    fn accepts(ty: &postgres_types::Type) -> bool {
        if ty.name() != "webhook_delivery_status" {
            return false;
        }
        match *ty.kind() {
            postgres_types::Kind::Enum(ref variants) => {
                if variants.len() != 3 {
                    return false;
                }
                variants.iter().all(|v| match &**v {
                    "pending" => true,
                    "delivered" => true,
                    "dead" => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }
}
