//! Recursive-descent parser for `$filter`: `or`, `and`, `not`, parentheses and
//! binary comparisons between a property path and a literal.

use super::lexer::{lex, Tok, Token};
use crate::ticks::Ticks;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    pub fn name(self) -> &'static str {
        match self {
            Cmp::Eq => "eq",
            Cmp::Ne => "ne",
            Cmp::Lt => "lt",
            Cmp::Le => "le",
            Cmp::Gt => "gt",
            Cmp::Ge => "ge",
        }
    }

    pub fn kind_name(self) -> &'static str {
        match self {
            Cmp::Eq => "Equal",
            Cmp::Ne => "NotEqual",
            Cmp::Lt => "LessThan",
            Cmp::Le => "LessThanOrEqual",
            Cmp::Gt => "GreaterThan",
            Cmp::Ge => "GreaterThanOrEqual",
        }
    }

    fn parse(s: &str) -> Option<Cmp> {
        Some(match s {
            "eq" => Cmp::Eq,
            "ne" => Cmp::Ne,
            "lt" => Cmp::Lt,
            "le" => Cmp::Le,
            "gt" => Cmp::Gt,
            "ge" => Cmp::Ge,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Date(Ticks),
    Guid(String),
}

impl Lit {
    pub fn edm(&self) -> &'static str {
        match self {
            Lit::Null => "null",
            Lit::Bool(_) => "Edm.Boolean",
            Lit::Int(_) => "Edm.Int32",
            Lit::Float(_) => "Edm.Double",
            Lit::Str(_) => "Edm.String",
            Lit::Date(_) => "Edm.DateTimeOffset",
            Lit::Guid(_) => "Edm.Guid",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Cmp { path: String, op: Cmp, lit: Lit },
}

/// A parse failure with the position it happened at.
#[derive(Debug, PartialEq)]
pub struct ParseError {
    pub pos: usize,
    pub message: String,
}

const MAX_DEPTH: usize = 64;

pub fn parse(input: &str) -> Result<Expr, ParseError> {
    let tokens = lex(input).map_err(|e| ParseError {
        pos: e.pos,
        message: e.message,
    })?;
    if tokens.is_empty() {
        return Err(ParseError {
            pos: 0,
            message: "The $filter expression is empty".into(),
        });
    }
    let mut p = Parser {
        toks: tokens,
        i: 0,
        end: input.chars().count(),
    };
    let e = p.or(0)?;
    if let Some(t) = p.toks.get(p.i) {
        return Err(ParseError {
            pos: t.pos,
            message: "Syntax error: unexpected token".into(),
        });
    }
    Ok(e)
}

struct Parser {
    toks: Vec<Token>,
    i: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|t| &t.tok)
    }

    fn pos(&self) -> usize {
        self.toks.get(self.i).map(|t| t.pos).unwrap_or(self.end)
    }

    fn err<T>(&self, msg: &str) -> Result<T, ParseError> {
        Err(ParseError {
            pos: self.pos(),
            message: msg.to_string(),
        })
    }

    fn keyword(&self, k: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(s)) if s == k)
    }

    fn or(&mut self, d: usize) -> Result<Expr, ParseError> {
        let mut left = self.and(d)?;
        while self.keyword("or") {
            self.i += 1;
            let right = self.and(d)?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self, d: usize) -> Result<Expr, ParseError> {
        let mut left = self.unary(d)?;
        while self.keyword("and") {
            self.i += 1;
            let right = self.unary(d)?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self, d: usize) -> Result<Expr, ParseError> {
        if d > MAX_DEPTH {
            return self.err("The $filter expression is nested too deeply");
        }
        if self.keyword("not") {
            self.i += 1;
            let e = self.unary(d + 1)?;
            return Ok(Expr::Not(Box::new(e)));
        }
        if self.peek() == Some(&Tok::LParen) {
            self.i += 1;
            let e = self.or(d + 1)?;
            if self.peek() != Some(&Tok::RParen) {
                return self.err("Syntax error: ')' or operator expected");
            }
            self.i += 1;
            return Ok(e);
        }
        self.comparison()
    }

    fn path(&mut self) -> Result<String, ParseError> {
        let mut path = match self.peek() {
            Some(Tok::Ident(s)) => s.clone(),
            _ => return self.err("Syntax error: a property name was expected"),
        };
        self.i += 1;
        while self.peek() == Some(&Tok::Slash) {
            self.i += 1;
            match self.peek() {
                Some(Tok::Ident(s)) => path = format!("{path}/{s}"),
                _ => return self.err("Syntax error: a property name was expected after '/'"),
            }
            self.i += 1;
        }
        Ok(path)
    }

    fn comparison(&mut self) -> Result<Expr, ParseError> {
        let path = self.path()?;
        if self.peek() == Some(&Tok::LParen) {
            return Err(ParseError {
                pos: self.pos(),
                message: format!("An unknown function with name '{path}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed"),
            });
        }
        let op = match self.peek() {
            Some(Tok::Ident(s)) => match Cmp::parse(s) {
                Some(op) => op,
                None => {
                    return self.err(&format!("Syntax error: '{s}' is not a supported operator"))
                }
            },
            _ => return self.err("Syntax error: a comparison operator was expected"),
        };
        self.i += 1;
        let lit = match self.peek().cloned() {
            Some(Tok::Str(s)) => Lit::Str(s),
            Some(Tok::Int(v)) => Lit::Int(v),
            Some(Tok::Float(v)) => Lit::Float(v),
            Some(Tok::Date(t)) => Lit::Date(t),
            Some(Tok::Guid(g)) => Lit::Guid(g),
            Some(Tok::Ident(s)) if s == "null" => Lit::Null,
            Some(Tok::Ident(s)) if s == "true" => Lit::Bool(true),
            Some(Tok::Ident(s)) if s == "false" => Lit::Bool(false),
            Some(Tok::Ident(_)) => {
                return self
                    .err("Comparing two properties is not supported; a literal was expected")
            }
            _ => return self.err("Syntax error: a literal was expected"),
        };
        self.i += 1;
        Ok(Expr::Cmp { path, op, lit })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_and_parentheses() {
        let e = parse("a eq 1 or b eq 2 and not (c eq 3)").unwrap();
        match e {
            Expr::Or(l, r) => {
                assert!(matches!(*l, Expr::Cmp { .. }));
                assert!(matches!(*r, Expr::And(_, _)));
            }
            other => panic!("unexpected {other:?}"),
        }
        let e = parse("subject/id eq 'x'").unwrap();
        assert_eq!(
            e,
            Expr::Cmp {
                path: "subject/id".into(),
                op: Cmp::Eq,
                lit: Lit::Str("x".into())
            }
        );
    }

    #[test]
    fn rejects_bad_syntax() {
        for bad in [
            "",
            "a eq",
            "a eq 1 and",
            "(a eq 1",
            "a eq 1)",
            "a foo 1",
            "eq 1",
            "a eq b",
            "startswith(a,'x')",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let deep = format!("{}a eq 1{}", "(".repeat(500), ")".repeat(500));
        assert!(parse(&deep).is_err());
    }
}
