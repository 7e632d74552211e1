package dev.crosskit.image;

import dev.crosskit.base.BadInputException;
import java.util.regex.Pattern;

/** An image reference NAME[:TAG] (tag "latest" when omitted); the name may hold a registry host:port. */
public record ImageReference(String name, String tag) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+([._-]+[a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  public static ImageReference parse(String text) {
    int slash = text.lastIndexOf('/');
    int colon = text.lastIndexOf(':');
    String name = colon > slash ? text.substring(0, colon) : text;
    String tag = colon > slash ? text.substring(colon + 1) : "latest";
    if (!NAME.matcher(name).matches() || !TAG.matcher(tag).matches()) {
      throw new BadInputException("'" + text + "' is not an image reference: use NAME:TAG, e.g. example.org/ckcalc:1.0"
          + " (lower-case name; tag of letters, digits, '.', '_', '-')");
    }
    return new ImageReference(name, tag);
  }

  @Override
  public String toString() {
    return name + ":" + tag;
  }
}
