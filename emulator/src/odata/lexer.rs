//! Tokens of a `$filter` expression, with their character positions for
//! Graph-like syntax error messages.

use crate::ticks::{self, Ticks};

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    LParen,
    RParen,
    Comma,
    Slash,
    Ident(String),
    Str(String),
    Int(i64),
    Float(f64),
    Date(Ticks),
    Guid(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub pos: usize,
}

/// A lexing failure: message and character position.
#[derive(Debug, PartialEq)]
pub struct LexError {
    pub pos: usize,
    pub message: String,
}

pub fn lex(input: &str) -> Result<Vec<Token>, LexError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => {
                out.push(Token {
                    tok: Tok::LParen,
                    pos: i,
                });
                i += 1;
            }
            ')' => {
                out.push(Token {
                    tok: Tok::RParen,
                    pos: i,
                });
                i += 1;
            }
            ',' => {
                out.push(Token {
                    tok: Tok::Comma,
                    pos: i,
                });
                i += 1;
            }
            '/' => {
                out.push(Token {
                    tok: Tok::Slash,
                    pos: i,
                });
                i += 1;
            }
            '\'' => {
                i += 1;
                let mut s = String::new();
                loop {
                    match chars.get(i) {
                        None => {
                            return Err(LexError {
                                pos: start,
                                message: "There is an unterminated string literal".into(),
                            })
                        }
                        Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                            s.push('\'');
                            i += 2;
                        }
                        Some('\'') => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            s.push(ch);
                            i += 1;
                        }
                    }
                }
                out.push(Token {
                    tok: Tok::Str(s),
                    pos: start,
                });
            }
            c if c.is_ascii_digit()
                || (c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) =>
            {
                i += 1;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric()
                        || matches!(chars[i], '.' | ':' | '-' | '+'))
                {
                    i += 1;
                }
                let raw: String = chars[start..i].iter().collect();
                out.push(Token {
                    tok: literal(&raw, start)?,
                    pos: start,
                });
            }
            c if c.is_alphabetic() || c == '_' || c == '$' || c == '@' => {
                i += 1;
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.' | '-'))
                {
                    i += 1;
                }
                let raw: String = chars[start..i].iter().collect();
                if crate::rng::Guid::parse(&raw).is_some() {
                    out.push(Token {
                        tok: Tok::Guid(raw),
                        pos: start,
                    });
                } else {
                    out.push(Token {
                        tok: Tok::Ident(raw),
                        pos: start,
                    });
                }
            }
            other => {
                return Err(LexError {
                    pos: i,
                    message: format!("Syntax error: character '{other}' is not valid"),
                });
            }
        }
    }
    Ok(out)
}

fn literal(raw: &str, pos: usize) -> Result<Tok, LexError> {
    if crate::rng::Guid::parse(raw).is_some() {
        return Ok(Tok::Guid(raw.to_string()));
    }
    if raw.contains('T') && raw.contains(':') {
        return ticks::parse(raw)
            .map(Tok::Date)
            .ok_or_else(|| LexError { pos, message: format!("The DateTimeOffset text '{raw}' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range") });
    }
    if let Ok(v) = raw.parse::<i64>() {
        return Ok(Tok::Int(v));
    }
    if let Ok(v) = raw.parse::<f64>() {
        if v.is_finite() {
            return Ok(Tok::Float(v));
        }
    }
    Err(LexError {
        pos,
        message: format!("Syntax error: '{raw}' is not a valid literal"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_the_usual_tokens() {
        let t = lex(
            "processingStatus eq 'it''s' and startedDateTime ge 2024-01-01T00:00:00Z or (x lt 5)",
        )
        .unwrap();
        let toks: Vec<Tok> = t.into_iter().map(|t| t.tok).collect();
        assert_eq!(toks[0], Tok::Ident("processingStatus".into()));
        assert_eq!(toks[2], Tok::Str("it's".into()));
        assert!(matches!(toks[6], Tok::Date(_)));
        assert_eq!(toks[8], Tok::LParen);
        assert_eq!(toks[11], Tok::Int(5));
    }

    #[test]
    fn reports_bad_input() {
        assert!(lex("a eq 'open").is_err());
        assert!(lex("a eq 2024-13-45T99:00:00Z").is_err());
        assert_eq!(lex("a % b").unwrap_err().pos, 2);
    }
}
