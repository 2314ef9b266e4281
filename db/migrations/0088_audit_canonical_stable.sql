-- Issue 15: an audit entry's canonical text is built inline in the chain trigger's hash expression. The function was
-- declared IMMUTABLE, but `to_char` of a timestamp is only STABLE, and PostgreSQL does not inline a function whose
-- declared volatility is stricter than its body: each entry called it as a separate SQL function (about 2% of the
-- database's CPU per audited call at 64 clients). STABLE is what it is; the text, and so every hash, is the same.
ALTER FUNCTION audit_canonical(audit_log) STABLE;
