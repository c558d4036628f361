// A fetchflow script: top-level await is allowed; fetch() pauses the VM for the host.
const greet = (name) => `hello, ${name}`;
console.log(greet("fetchflow"));
const squares = [1, 2, 3, 4].map((n) => n * n);
console.log("squares", squares, "sum", squares.reduce((a, b) => a + b, 0));
