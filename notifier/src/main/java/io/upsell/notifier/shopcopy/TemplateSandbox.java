package io.upsell.notifier.shopcopy;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.LoopSectionHelper;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and renders a shop's template parts with a Qute engine that can do nothing but read the fixed variables:
 * it knows only {@code if} and {@code for}/{@code each} (no include, insert, eval: nothing reads a file or another
 * template), has no namespaces and no reflection, so no method of any object can be called. On top of Qute's own
 * parser, every expression must name a documented variable, a loop may only walk the items (no numeric ranges, no
 * loop inside a loop), sections nest at most {@value #MAX_DEPTH} deep, a part is at most {@value #MAX_SOURCE}
 * characters and its output is cut at {@value #MAX_OUTPUT}.
 */
public final class TemplateSandbox {

  static final int MAX_SOURCE = 4_000;
  static final int MAX_OUTPUT = 4_000;
  static final int MAX_DEPTH = 3;
  private static final Set<String> LOOP_METADATA =
      Set.of("count", "index", "hasNext", "isFirst", "isLast", "isOdd", "isEven", "odd", "even", "first", "last");
  private static final Set<String> FALLBACK_OPERATORS = Set.of("?:", "or");

  private final Engine engine = Engine.builder().addSectionHelper(new IfSectionHelper.Factory())
      .addSectionHelper(new LoopSectionHelper.Factory()).addDefaultValueResolvers().strictRendering(true).build();
  private final Set<String> paths = TemplateVariables.paths();

  /** The parsed part; {@link InvalidTemplate} naming line and column when Qute cannot parse it or it breaks a rule. */
  public Template compile(String part, String source) {
    if (source.length() > MAX_SOURCE) {
      throw new InvalidTemplate(part, 1, 1, "longer than " + MAX_SOURCE + " characters");
    }
    Template template;
    try {
      template = engine.parse(source);
    } catch (TemplateException e) {
      var origin = e.getOrigin();
      throw new InvalidTemplate(part, origin == null ? 1 : origin.getLine(),
          origin == null ? 1 : origin.getLineCharacterStart(), firstLine(e.getMessage()));
    }
    check(part, template.getNodes(), Map.of(), 0);
    return template;
  }

  /** The part rendered over {@code variables}, cut to the output bound. */
  public String render(Template template, Map<String, Object> variables) {
    String text = template.data(variables).render();
    return text.length() > MAX_OUTPUT ? text.substring(0, MAX_OUTPUT) : text;
  }

  /** @param aliases loop element name → the list it walks, e.g. item → items */
  private void check(String part, List<TemplateNode> nodes, Map<String, String> aliases, int depth) {
    for (TemplateNode node : nodes) {
      if (node.isExpression()) {
        expression(part, node.asExpression().getExpressions().get(0), aliases);
      } else if (node.isSection()) {
        section(part, node.asSection(), aliases, depth + 1);
      }
    }
  }

  private void section(String part, SectionNode section, Map<String, String> aliases, int depth) {
    if (depth > MAX_DEPTH) {
      throw invalid(part, section.getOrigin(), "sections nest deeper than " + MAX_DEPTH);
    }
    Map<String, String> inner = aliases;
    if (section.getHelper() instanceof LoopSectionHelper) {
      SectionBlock main = section.getBlocks().get(0);
      String iterable = main.parameters.get("iterable");
      if (!aliases.isEmpty()) {
        throw invalid(part, section.getOrigin(), "a loop inside a loop is not allowed");
      }
      if (iterable == null || !paths.contains(iterable + "[]")) {
        throw invalid(part, section.getOrigin(), "a loop may only walk a list variable (items), not " + iterable);
      }
      String alias = main.parameters.get("alias");
      inner = new HashMap<>(aliases);
      inner.put(alias == null || alias.startsWith("$") ? "it" : alias, iterable);
    }
    for (SectionBlock block : section.getBlocks()) {
      for (Expression expression : block.expressions.values()) {
        expression(part, expression, aliases);
      }
      check(part, block.nodes, inner, depth);
    }
  }

  private void expression(String part, Expression expression, Map<String, String> aliases) {
    if (expression.isLiteral()) {
      return;
    }
    if (expression.hasNamespace()) {
      throw invalid(part, expression.getOrigin(), "no namespace may be used: " + expression.getNamespace() + ":");
    }
    List<Expression.Part> parts = expression.getParts();
    String path = root(part, expression, parts.get(0).getName(), aliases);
    for (Expression.Part p : parts.subList(1, parts.size())) {
      if (p.isVirtualMethod()) {
        if (!FALLBACK_OPERATORS.contains(p.getName())) {
          throw invalid(part, expression.getOrigin(), "a template cannot call methods: " + p.getName() + "(…)");
        }
        p.asVirtualMethod().getParameters().forEach(param -> expression(part, param, aliases));
        return;
      }
      path = path + "." + p.getName();
      if (!paths.contains(path)) {
        throw invalid(part, expression.getOrigin(), "unknown variable " + expression.toOriginalString());
      }
    }
  }

  private String root(String part, Expression expression, String name, Map<String, String> aliases) {
    if (aliases.containsKey(name)) {
      return aliases.get(name) + "[]";
    }
    int underscore = name.lastIndexOf('_');
    if (underscore > 0 && aliases.containsKey(name.substring(0, underscore))
        && LOOP_METADATA.contains(name.substring(underscore + 1))) {
      return name;
    }
    if (!paths.contains(name)) {
      throw invalid(part, expression.getOrigin(), "unknown variable " + expression.toOriginalString());
    }
    return name;
  }

  private static InvalidTemplate invalid(String part, TemplateNode.Origin origin, String reason) {
    return new InvalidTemplate(part, origin.getLine(), origin.getLineCharacterStart(), reason);
  }

  private static String firstLine(String message) {
    String text = message == null ? "does not parse" : message;
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
