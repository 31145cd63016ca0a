using System.Data;
using MiniExcelLibs;
using FluentValidation;
using MediatR;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// Ofsted's List 1 and List 3 for a date range as one .xlsx workbook, a sheet a list named as the template names it, the
/// way inspectors receive them. The same rows as the CSV lists (InspectionLists), so the same audit.
/// </summary>
public static class AnnexAWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <param name="From">First London day of contact (List 1) and of referral (List 3).</param>
    /// <param name="To">Last London day (inclusive); at most two years after from.</param>
    public sealed record Query(DateOnly? From, DateOnly? To) : IRequest<byte[]>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => InspectionLists.RangeRules.Apply(this, q => q.From, q => q.To);
    }

    public sealed class Handler(IMediator mediator) : IRequestHandler<Query, byte[]>
    {
        public async Task<byte[]> Handle(Query query, CancellationToken cancellationToken)
        {
            var sheets = new Dictionary<string, object>
            {
                ["List 1"] = Sheet(await mediator.Send(new InspectionLists.Query(InspectionLists.List.Contacts, query.From, query.To), cancellationToken)),
                ["List 3"] = Sheet(await mediator.Send(new InspectionLists.Query(InspectionLists.List.Referrals, query.From, query.To), cancellationToken)),
            };
            using var workbook = new MemoryStream();
            await workbook.SaveAsAsync(sheets, cancellationToken: cancellationToken);
            return workbook.ToArray();
        }

        /// <summary>A table with the template's headers even when it has no rows; ages as numbers, the rest as the template's text.</summary>
        private static DataTable Sheet(InspectionLists.Table list)
        {
            var table = new DataTable();
            foreach (var column in list.Columns) table.Columns.Add(column, typeof(object));
            foreach (var row in list.Rows) table.Rows.Add(row.Select(value => value ?? DBNull.Value).ToArray());
            return table;
        }
    }
}
