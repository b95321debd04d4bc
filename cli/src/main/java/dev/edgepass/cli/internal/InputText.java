package dev.edgepass.cli.internal;

/**
 * The text a command reads: given inline (an argument or option), from {@code --file FILE}, or
 * from standard input ({@code --file -}, or no input at all when stdin is not a terminal).
 *
 * @param text   the text
 * @param name   where it came from, for messages ("HAR file 'x.har'", "--cookie")
 * @param format its form: HAR for a {@code .har} file whatever it holds, else what the text looks like
 */
record InputText(String text, String name, RequestSources.Format format) {

    /**
     * Reads the input of a command.
     *
     * @param inline     the inline value, or null
     * @param inlineName how the inline value is named in messages
     * @param file       the {@code --file} value, or null
     * @param inputs     the reader
     * @throws UsageException if both or neither are given, or the file cannot be read
     */
    static InputText read(String inline, String inlineName, String file, Inputs inputs) {
        if (inline != null && file != null) {
            throw new UsageException("give either " + inlineName + " or --file, not both");
        }
        if (inline != null) {
            if (inline.length() > Inputs.MAX_INPUT_BYTES) {
                throw new UsageException(inlineName + " is longer than " + Inputs.size(Inputs.MAX_INPUT_BYTES));
            }
            if (inline.isBlank()) {
                throw new UsageException(inlineName + " is empty");
            }
            return new InputText(inline, inlineName, RequestSources.detect(inline));
        }
        if (file == null) {
            if (System.console() != null) {
                throw new UsageException("no input: give " + inlineName + ", --file FILE, or --file - to read standard input");
            }
            file = "-";
        }
        boolean har = file.toLowerCase(java.util.Locale.ROOT).endsWith(".har");
        String what = har ? "HAR file" : "input file";
        String text = inputs.text(file, what, Inputs.MAX_INPUT_BYTES);
        String name = "-".equals(file) ? "standard input" : "file " + Inputs.display(file);
        if (text.isBlank()) {
            throw new UsageException(name + " is empty");
        }
        RequestSources.Format format = har ? RequestSources.Format.HAR : RequestSources.detect(text);
        if (format == RequestSources.Format.HAR) {
            name = "-".equals(file) ? "the HAR on standard input" : "HAR file " + Inputs.display(file);
        }
        return new InputText(text, name, format);
    }
}
