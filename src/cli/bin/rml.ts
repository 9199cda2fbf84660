// dist/cli.js, the `rml` binary. `rml lint` is what CI runs on large datasets, often file by
// file: its bundle holds only lint's code (no faker, YAML, Markdown, training or fairness code,
// a third of the size), so each such process compiles and starts in less time. Any other first
// argument (`help lint` included) goes to the bundle of every command, which answers alike.
require(process.argv[2] === 'lint' ? './cli-lint.js' : './cli-all.js');
