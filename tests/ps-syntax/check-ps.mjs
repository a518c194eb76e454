// Independent syntax check for generated Windows PowerShell scripts.
//
//   node check-ps.mjs <file-or-dir>...
//
// Parses every given .ps1 file (directories: every *.ps1 below them, recursively, sorted) with
// tree-sitter-powershell (WebAssembly build, loaded once) and prints ONE JSON document to stdout:
//
//   { "files": [ { "file", "errors": [ { line, column, kind: "ERROR"|"MISSING", text } ],
//                  "commands": [ { name, line, parameters, splattedVariables } ],
//                  "hashtables": [ { variable, line, keys } ] } ] }
//
// Lines and columns are 1-based; columns count UTF-16 code units. Exit codes: 0 = every file was parsed
// (the scripts may still contain syntax errors: the caller decides), 2 = usage or I/O problem,
// 1 = unexpected failure (for example the grammar could not be loaded). Messages go to stderr.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import v8 from 'node:v8';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// V8 otherwise also compiles the 1 MB grammar with its optimizing compiler (TurboFan) in the background, and the
// process cannot exit until that finishes: 5-10 s of CPU per run. The baseline compiler (Liftoff) alone is ready in
// milliseconds and parses scripts of a few thousand lines in well under a second. Must run before the grammar loads.
v8.setFlagsFromString('--liftoff-only');

class UsageError extends Error {}

function collectFiles(args) {
    const files = [];
    for (const arg of args) {
        let stat;
        try {
            stat = statSync(arg);
        } catch (error) {
            throw new UsageError(`cannot read '${arg}': ${error.code ?? error.message}`);
        }
        if (stat.isDirectory()) {
            files.push(...ps1FilesBelow(arg).sort());
        } else {
            files.push(arg);
        }
    }
    return files;
}

function ps1FilesBelow(directory) {
    const found = [];
    let entries;
    try {
        entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
        throw new UsageError(`cannot list '${directory}': ${error.code ?? error.message}`);
    }
    for (const entry of entries) {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) {
            found.push(...ps1FilesBelow(path));
        } else if (/\.ps1$/i.test(entry.name)) {
            found.push(path);
        }
    }
    return found;
}

// Windows PowerShell 5.1 reads UTF-8 with BOM, UTF-16 with BOM and (without BOM) the ANSI code page;
// generated scripts are UTF-8, so anything without a UTF-16 BOM is decoded as UTF-8.
function readScript(file) {
    let bytes;
    try {
        bytes = readFileSync(file);
    } catch (error) {
        throw new UsageError(`cannot read '${file}': ${error.code ?? error.message}`);
    }
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
        return new TextDecoder('utf-16le').decode(bytes.subarray(2));
    }
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
        return new TextDecoder('utf-16be').decode(bytes.subarray(2));
    }
    return new TextDecoder('utf-8').decode(bytes); // drops a UTF-8 BOM
}

const position = (node) => ({ line: node.startPosition.row + 1, column: node.startPosition.column + 1 });

function collectErrors(root) {
    const errors = [];
    const visit = (node) => {
        if (node.type === 'ERROR') {
            errors.push({ ...position(node), kind: 'ERROR', text: node.text.slice(0, 80) });
            return; // one report per broken region
        }
        if (node.isMissing) {
            errors.push({ ...position(node), kind: 'MISSING', text: `missing '${node.type}'` });
            return;
        }
        for (const child of node.children) {
            visit(child);
        }
    };
    visit(root);
    if (errors.length === 0 && root.hasError) {
        errors.push({ line: 1, column: 1, kind: 'ERROR', text: root.text.slice(0, 80) });
    }
    return errors;
}

function* descendants(node, type) {
    for (const child of node.children) {
        if (child.type === type) {
            yield child;
        }
        yield* descendants(child, type);
    }
}

const splatPattern = /^@((?:[A-Za-z]+:)?\w+)$/;

function commandName(command) {
    const direct = command.children.find((child) => child.type === 'command_name');
    if (direct) {
        return direct.text;
    }
    const expression = command.children.find((child) => child.type === 'command_name_expr');
    if (expression) {
        const name = expression.children.find((child) => child.type === 'command_name');
        return (name ?? expression).text;
    }
    return command.text.split(/\s/, 1)[0];
}

function collectCommands(root) {
    const commands = [];
    for (const command of descendants(root, 'command')) {
        const parameters = [];
        const splattedVariables = [];
        const elements = command.children.find((child) => child.type === 'command_elements');
        for (const element of elements?.children ?? []) {
            if (element.type === 'command_parameter') {
                // "-Name", "-Name:" (PowerShell also accepts en/em dashes and the horizontal bar as the dash).
                parameters.push(element.text.trim().replace(/^[-\u2013\u2014\u2015]/, '').replace(/:$/, ''));
            } else if (element.type !== 'command_argument_sep') {
                const splat = splatPattern.exec(element.text.trim());
                if (splat) {
                    splattedVariables.push(splat[1]);
                }
            }
        }
        commands.push({ name: commandName(command), ...lineOf(command), parameters, splattedVariables });
    }
    return commands;
}

const lineOf = (node) => ({ line: node.startPosition.row + 1 });

const variablePattern = /^\$(?:\{([^}]+)\}|((?:[A-Za-z]+:)?\w+))$/;

function keyName(keyExpression) {
    const text = keyExpression.text.trim();
    if (/^[A-Za-z_][\w-]*$/.test(text)) {
        return text;
    }
    let match = /^'((?:[^']|'')*)'$/.exec(text);
    if (match) {
        return match[1].replaceAll("''", "'");
    }
    match = /^"([^"$`]*)"$/.exec(text);
    if (match) {
        return match[1];
    }
    return null; // not a simple key (expression, variable, number, ...)
}

function collectHashtables(root) {
    const hashtables = [];
    for (const assignment of descendants(root, 'assignment_expression')) {
        const [left, operator, right] = assignment.namedChildren;
        if (!left || !operator || !right || operator.text !== '=') {
            continue;
        }
        const variable = variablePattern.exec(left.text.trim());
        if (!variable) {
            continue;
        }
        const value = right.text.trim();
        if (!/^(?:\[ordered\]\s*)?@\{/i.test(value)) {
            continue;
        }
        const hashtable = descendants(right, 'hash_literal_expression').next().value;
        if (!hashtable || hashtable.endIndex !== right.startIndex + right.text.trimEnd().length) {
            continue; // "@{...}.Keys", "@{...} + $other" and the like are not a plain hashtable assignment
        }
        const body = hashtable.children.find((child) => child.type === 'hash_literal_body');
        const keys = [];
        for (const entry of body?.children ?? []) {
            const key = entry.type === 'hash_entry' ? entry.children.find((child) => child.type === 'key_expression') : null;
            const name = key ? keyName(key) : null;
            if (name !== null) {
                keys.push(name);
            }
        }
        hashtables.push({ variable: variable[1] ?? variable[2], ...lineOf(assignment), keys });
    }
    return hashtables;
}

async function main(args) {
    if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
        throw new UsageError('usage: node check-ps.mjs <file-or-dir>...');
    }
    const files = collectFiles(args);

    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const powerShell = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
    const parser = new Parser();
    parser.setLanguage(powerShell);

    const results = [];
    for (const file of files) {
        const tree = parser.parse(readScript(file));
        try {
            const root = tree.rootNode;
            results.push({
                file,
                errors: collectErrors(root),
                commands: collectCommands(root),
                hashtables: collectHashtables(root),
            });
        } finally {
            tree.delete();
        }
    }
    parser.delete();
    return { files: results };
}

try {
    const report = await main(process.argv.slice(2));
    process.stdout.write(JSON.stringify(report) + '\n');
    process.exitCode = 0;
} catch (error) {
    if (error instanceof UsageError) {
        process.stderr.write(`check-ps: ${error.message}\n`);
        process.exitCode = 2;
    } else {
        process.stderr.write(`check-ps: unexpected failure: ${error?.stack ?? error}\n`);
        process.exitCode = 1;
    }
}
