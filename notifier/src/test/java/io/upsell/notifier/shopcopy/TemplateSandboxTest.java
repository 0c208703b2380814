package io.upsell.notifier.shopcopy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateSandboxTest {

  private final TemplateSandbox sandbox = new TemplateSandbox();
  private final Map<String, Object> sample = TemplateVariables.of(SampleMessage.model("en"));

  @Test
  void rendersTheDocumentedVariablesWithLoopsAndConditions() {
    var template = sandbox.compile("body[0]", "Hi {customer.name}: {#for item in items}{item.name} × {item.quantity}"
        + "{#if item_hasNext}, {/if}{/for}. {#if offer.code}Code {offer.code}{/if} {plan.offered.name ?: 'none'}");

    assertThat(sandbox.render(template, sample))
        .isEqualTo("Hi Sam: Ceramic mug × 2, Green tea × 1. Code SAVE-7Q2X Pro");
  }

  @Test
  void anUnknownVariableIsRefusedWithItsLineAndColumn() {
    assertThatThrownBy(() -> sandbox.compile("subject", "Hello\n  {offer.cod}"))
        .isInstanceOfSatisfying(InvalidTemplate.class, e -> {
          assertThat(e.part()).isEqualTo("subject");
          assertThat(e.reason()).startsWith("line 2, column 3").contains("offer.cod");
        });
  }

  @Test
  void aTemplateThatDoesNotParseIsRefusedWithItsLine() {
    assertThatThrownBy(() -> sandbox.compile("title", "ok\n{#if offer.code}unclosed"))
        .isInstanceOfSatisfying(InvalidTemplate.class, e -> assertThat(e.reason()).startsWith("line 2"));
  }

  @Test
  void methodCallsOnObjectsAreRefused() {
    refused("{shop.name.getClass()}", "cannot call methods");
    refused("{shop.name.toUpperCase}", "unknown variable");
    refused("{items.get(0)}", "cannot call methods");
  }

  @Test
  void includesAndOtherSectionsThatReadFilesOrCodeAreRefused() {
    refused("{#include /etc/passwd /}", "no section helper");
    refused("{#insert body}{/insert}", "no section helper");
    refused("{#eval 'x' /}", "no section helper");
    refused("{inject:someBean.secret}", "namespace");
    refused("{msg:footer('x')}", "namespace");
  }

  @Test
  void loopsCanOnlyWalkTheItemsOnceNeverARangeOrALoopInALoop() {
    refused("{#for i in 1000000000}x{/for}", "only walk a list");
    refused("{#for i in items}{#for j in items}x{/for}{/for}", "loop inside a loop");
  }

  @Test
  void deepNestingAndLongTemplatesAreRefused() {
    refused("{#if customer.name}{#if shop.name}{#if offer.code}{#if offer.deadline}x{/if}{/if}{/if}{/if}",
        "nest deeper");
    refused("x".repeat(TemplateSandbox.MAX_SOURCE + 1), "longer than");
  }

  @Test
  void outputIsCutAtTheBound() {
    var template = sandbox.compile("body[0]",
        "{#for item in items}" + "{item.name}".repeat(TemplateSandbox.MAX_SOURCE / 12) + "{/for}");

    assertThat(sandbox.render(template, sample)).hasSize(TemplateSandbox.MAX_OUTPUT);
  }

  @Test
  void everyDocumentedVariableIsInTheModel() {
    assertThat(TemplateVariables.paths()).contains("customer.name", "shop.name", "offer.discount", "offer.percent",
        "offer.amount", "offer.code", "offer.deadline", "items[].name", "items[].price", "items[].quantity",
        "plan.current.name", "plan.offered.price", "plan.difference", "plan.yearlySaving", "usage.used",
        "usage.quota");
  }

  private void refused(String source, String reason) {
    assertThatThrownBy(() -> sandbox.compile("body[0]", source)).as(source)
        .isInstanceOfSatisfying(InvalidTemplate.class, e -> assertThat(e.reason()).contains(reason));
  }
}
