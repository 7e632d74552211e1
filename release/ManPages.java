import dev.crosskit.cli.Main;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes one AsciiDoc man page per crosskit command (picocli-codegen's ManPageGenerator, from the
 * same command model as --help and the completion scripts); bin/release renders them to roff.
 *
 * <p>Two adjustments to the model, for the pages only: every page carries the release's version
 * (subcommands have no version provider of their own), and the commands' footers (exit codes,
 * examples) get a heading, without which the generator leaves them out.
 *
 * <p>Run by bin/release: {@code java -cp crosskit.jar:picocli-codegen.jar release/ManPages.java OUTDIR}
 */
final class ManPages {
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ManPages OUTDIR");
      System.exit(2);
    }
    CommandLine root = Main.commandModel();
    CommandLine.IVersionProvider version = root.getCommandSpec().versionProvider();
    for (CommandSpec spec : all(root.getCommandSpec())) {
      spec.versionProvider(version);
      if (spec.usageMessage().footer().length > 0 && spec.usageMessage().footerHeading().isEmpty()) {
        spec.usageMessage().footerHeading("Notes");
      }
    }
    int code = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], false, root.getCommandSpec());
    System.exit(code);
  }

  private static List<CommandSpec> all(CommandSpec spec) {
    List<CommandSpec> list = new ArrayList<>(List.of(spec));
    spec.subcommands().values().forEach(sub -> list.addAll(all(sub.getCommandSpec())));
    return list;
  }
}
