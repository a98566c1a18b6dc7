package io.sgstream.pglambda.js;

/** The script does not compile: rejected when the function starts, before any event is taken. */
public class ScriptCompileException extends IllegalArgumentException {

    private final String scriptName;
    private final int line;
    private final int column;
    private final String detail;

    public ScriptCompileException(String scriptName, int line, int column, String detail) {
        super(scriptName + " does not compile at line " + line + ", column " + column + ": " + detail);
        this.scriptName = scriptName;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public String scriptName() {
        return scriptName;
    }

    /** 1-based line in the user's script. */
    public int line() {
        return line;
    }

    /** 1-based column in the user's script. */
    public int column() {
        return column;
    }

    /** The parser's message without location. */
    public String detail() {
        return detail;
    }
}
