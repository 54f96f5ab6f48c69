// The care protocol's condition language, evaluated on the phone: which question to ask next
// (`ask_when`) and, offline, whether the answers show an emergency (the E rules). The server's
// loader (src/tia/engine/expr.cc) has already checked every name, label and type of these texts;
// this evaluator follows the same meaning:
//   * `and`, `or`, `not`, ( ), comparisons < <= > >= == !=, + and -, `x in ["a", "b"]`,
//     `x is null`, `x is not null`, `count(a, b, ...)` (how many are true), true, false;
//   * a comparison with a value that was not measured (null) is false; arithmetic on null is null;
//   * `and`, `or`, `not` and count() read null as false.

export type Value = boolean | number | string | null;
export type Values = Record<string, Value>;

interface Tok { kind: "name" | "num" | "str" | "op" | "punct" | "end"; text: string; num?: number }

function tokens(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < text.length && /[A-Za-z0-9_]/.test(text[j])) j++;
      out.push({ kind: "name", text: text.slice(i, j) });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i;
      while (j < text.length && /[0-9.]/.test(text[j])) j++;
      out.push({ kind: "num", text: text.slice(i, j), num: Number(text.slice(i, j)) });
      i = j;
    } else if (c === '"') {
      const j = text.indexOf('"', i + 1);
      if (j < 0) throw new Error(`a quoted label is not closed: ${text}`);
      out.push({ kind: "str", text: text.slice(i + 1, j) });
      i = j + 1;
    } else if ("<>=!".includes(c)) {
      const op = text[i + 1] === "=" ? c + "=" : c;
      if (op === "=" || op === "!") throw new Error(`'${op}' is not an operator: ${text}`);
      out.push({ kind: "op", text: op });
      i += op.length;
    } else if ("+-".includes(c)) {
      out.push({ kind: "op", text: c });
      i++;
    } else if ("()[],".includes(c)) {
      out.push({ kind: "punct", text: c });
      i++;
    } else {
      throw new Error(`unexpected character '${c}': ${text}`);
    }
  }
  out.push({ kind: "end", text: "" });
  return out;
}

// A compiled expression: a function of the values by name.
export type Compiled = (v: Values) => Value;

const truthy = (x: Value) => x !== null && x !== false && x !== 0 && x !== "";

export function compile(text: string): Compiled {
  const t = tokens(text);
  let pos = 0;
  const peek = () => t[pos];
  const take = () => t[pos++];
  const isWord = (w: string) => peek().kind === "name" && peek().text === w;
  const expect = (text: string) => {
    const got = take();
    if (got.text !== text) throw new Error(`expected '${text}' in: ${text}`);
  };

  function or(): Compiled {
    let left = and();
    while (isWord("or")) {
      take();
      const a = left, b = and();
      left = (v) => truthy(a(v)) || truthy(b(v));
    }
    return left;
  }
  function and(): Compiled {
    let left = not();
    while (isWord("and")) {
      take();
      const a = left, b = not();
      left = (v) => truthy(a(v)) && truthy(b(v));
    }
    return left;
  }
  function not(): Compiled {
    if (!isWord("not")) return compare();
    take();
    const a = not();
    return (v) => !truthy(a(v));
  }
  function compare(): Compiled {
    const left = sum();
    if (isWord("is")) {
      take();
      let negate = false;
      if (isWord("not")) { take(); negate = true; }
      if (!isWord("null")) throw new Error(`expected 'null' after 'is': ${text}`);
      take();
      return (v) => (left(v) === null) !== negate;
    }
    if (isWord("in")) {
      take();
      expect("[");
      const set = new Set<string>();
      for (;;) {
        const s = take();
        if (s.kind !== "str") throw new Error(`expected a quoted label: ${text}`);
        set.add(s.text);
        if (peek().text === ",") { take(); continue; }
        expect("]");
        break;
      }
      return (v) => { const x = left(v); return x !== null && set.has(String(x)); };
    }
    if (peek().kind !== "op" || peek().text === "+" || peek().text === "-") return left;
    const op = take().text;
    const right = sum();
    const cmp: Record<string, (a: any, b: any) => boolean> = {
      "<": (a, b) => a < b, "<=": (a, b) => a <= b, ">": (a, b) => a > b, ">=": (a, b) => a >= b,
      "==": (a, b) => a === b, "!=": (a, b) => a !== b,
    };
    const f = cmp[op];
    return (v) => {
      const a = num(left(v)), b = num(right(v));
      return a !== null && b !== null && f(a, b);
    };
  }
  function sum(): Compiled {
    let left = primary();
    while (peek().kind === "op" && (peek().text === "+" || peek().text === "-")) {
      const op = take().text;
      const a = left, b = primary();
      left = (v) => {
        const x = num(a(v)), y = num(b(v));
        if (x === null || y === null || typeof x !== "number" || typeof y !== "number") return null;
        return op === "+" ? x + y : x - y;
      };
    }
    return left;
  }
  function primary(): Compiled {
    const tok = take();
    if (tok.kind === "num") return () => tok.num!;
    if (tok.kind === "str") return () => tok.text;
    if (tok.text === "(") {
      const inner = or();
      expect(")");
      return inner;
    }
    if (tok.kind !== "name") throw new Error(`expected a value in: ${text}`);
    if (tok.text === "true") return () => true;
    if (tok.text === "false") return () => false;
    if (tok.text === "count" && peek().text === "(") {
      take();
      const args: Compiled[] = [];
      for (;;) {
        args.push(or());
        if (peek().text === ",") { take(); continue; }
        expect(")");
        break;
      }
      return (v) => args.filter((a) => truthy(a(v))).length;
    }
    const name = tok.text;
    return (v) => {
      if (!(name in v)) throw new Error(`unknown name '${name}'`);
      return v[name];
    };
  }

  const root = or();
  if (peek().kind !== "end") throw new Error(`unexpected '${peek().text}' in: ${text}`);
  return root;
}

// Booleans compare as 1/0 (as in the engine); labels compare as themselves.
function num(x: Value): number | string | null {
  if (x === null) return null;
  if (typeof x === "boolean") return x ? 1 : 0;
  return x;
}

export function holds(c: Compiled, v: Values): boolean {
  return truthy(c(v));
}
