package io.upsell.notifier.shopcopy;

import io.quarkus.qute.Template;
import io.upsell.schemas.notify.ShopTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A shop template with each part parsed and checked; a part the shop left out is null (an empty body: none). */
record CompiledCopy(String language, Template subject, Template preheader, Template title, List<Template> body,
    Template button) {

  /** Most paragraphs a body may have. */
  static final int MAX_BODY_BLOCKS = 20;

  static CompiledCopy compile(TemplateSandbox sandbox, ShopTemplate t) {
    if (t.getBody().size() > MAX_BODY_BLOCKS) {
      throw new InvalidTemplate("body", 1, 1, "at most " + MAX_BODY_BLOCKS + " paragraphs");
    }
    List<Template> body = new ArrayList<>();
    for (int i = 0; i < t.getBody().size(); i++) {
      body.add(sandbox.compile("body[" + i + "]", t.getBody().get(i)));
    }
    return new CompiledCopy(t.getLanguage(), part(sandbox, "subject", t.getSubject()),
        part(sandbox, "preheader", t.getPreheader()), part(sandbox, "title", t.getTitle()), List.copyOf(body),
        part(sandbox, "button", t.getButton()));
  }

  private static Template part(TemplateSandbox sandbox, String name, String source) {
    return source == null ? null : sandbox.compile(name, source);
  }

  /** Renders one part, or returns {@code builtIn} where the shop left it out. */
  static String or(TemplateSandbox sandbox, Template part, Map<String, Object> variables, String builtIn) {
    return part == null ? builtIn : sandbox.render(part, variables).strip();
  }
}
